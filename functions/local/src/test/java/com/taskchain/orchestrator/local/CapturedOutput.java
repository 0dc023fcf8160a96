package com.taskchain.orchestrator.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Copies what is printed to standard output while it is open (the product's log lines), still
 * passing it through. For tests that check what a request logged.
 */
final class CapturedOutput implements AutoCloseable {
  private final PrintStream original = System.out;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  CapturedOutput() {
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (copy) {
              copy.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (copy) {
              copy.write(b, off, len);
            }
          }
        };
    System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** The lines printed so far. */
  List<String> lines() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Override
  public void close() {
    System.out.flush();
    System.setOut(original);
  }
}
