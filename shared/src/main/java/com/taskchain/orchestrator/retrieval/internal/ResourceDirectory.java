package com.taskchain.orchestrator.retrieval.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.store.BaseDirectory;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.ByteBuffersIndexInput;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.NoLockFactory;

/**
 * A read-only Lucene directory over files already in memory (the index read from the jar's
 * resources). Each file's bytes are wrapped, not copied: copying 1.5 MB through {@code
 * ByteBuffersDirectory}'s small blocks in a cold JVM cost about 60 ms of the open. Heap buffers
 * also mean an interrupted search cannot close the index, as an interrupted NIO channel would.
 * Thread-safe: inputs are independent views of immutable bytes.
 */
public final class ResourceDirectory extends BaseDirectory {
  private final Map<String, byte[]> files;

  /** A directory of the given files (name to bytes); the arrays must not change afterwards. */
  public ResourceDirectory(Map<String, byte[]> files) {
    super(NoLockFactory.INSTANCE);
    this.files = new TreeMap<>(files);
  }

  @Override
  public String[] listAll() {
    ensureOpen();
    return files.keySet().toArray(String[]::new);
  }

  @Override
  public long fileLength(String name) throws IOException {
    ensureOpen();
    return bytes(name).length;
  }

  @Override
  public IndexInput openInput(String name, IOContext context) throws IOException {
    ensureOpen();
    ByteBuffer buffer = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
    return new ByteBuffersIndexInput(
        new ByteBuffersDataInput(List.of(buffer.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN))),
        "resource(" + name + ")");
  }

  private byte[] bytes(String name) throws FileNotFoundException {
    byte[] bytes = files.get(name);
    if (bytes == null) {
      throw new FileNotFoundException(name);
    }
    return bytes;
  }

  @Override
  public void close() {
    isOpen = false;
  }

  @Override
  public Set<String> getPendingDeletions() {
    return Set.of();
  }

  @Override
  public void deleteFile(String name) throws IOException {
    throw readOnly();
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    throw readOnly();
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
      throws IOException {
    throw readOnly();
  }

  @Override
  public void sync(Collection<String> names) {
    // Nothing is ever written.
  }

  @Override
  public void syncMetaData() {
    // Nothing is ever written.
  }

  @Override
  public void rename(String source, String dest) throws IOException {
    throw readOnly();
  }

  private static IOException readOnly() {
    return new IOException("the retrieval index is read-only");
  }
}
