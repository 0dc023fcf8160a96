package com.taskchain.company;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the mock systems' data from the classpath ({@code company_sim/systems/...} inside the jar).
 */
final class SystemsData {
  static final String ROOT = "company_sim/systems/";

  private SystemsData() {}

  /**
   * Opens one data file; the caller closes it.
   *
   * @throws IllegalStateException when the file is not on the classpath (a packaging error)
   */
  static InputStream open(String file) {
    InputStream in = SystemsData.class.getClassLoader().getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IllegalStateException("missing classpath resource " + ROOT + file);
    }
    return in;
  }

  static byte[] read(String file) {
    try (InputStream in = open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + file, e);
    }
  }
}
