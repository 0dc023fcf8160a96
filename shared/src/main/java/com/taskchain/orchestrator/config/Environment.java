package com.taskchain.orchestrator.config;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process environment that configuration is read from: {@link System#getenv()}, overlaid by
 * values the local runner installs before it starts the functions (the embedded database's URL, the
 * emulator's address). Functions are created by the Functions Framework through their no-arg
 * constructors, so this is the one seam through which an in-process runner can configure them. In
 * the cloud nothing is installed and this is exactly the process environment.
 */
public final class Environment {
  private static final AtomicReference<Map<String, String>> OVERRIDES =
      new AtomicReference<>(Map.of());

  private Environment() {}

  /** The environment as functions see it. */
  public static Map<String, String> current() {
    Map<String, String> overrides = OVERRIDES.get();
    if (overrides.isEmpty()) {
      return System.getenv();
    }
    Map<String, String> merged = new HashMap<>(System.getenv());
    merged.putAll(overrides);
    return Map.copyOf(merged);
  }

  /**
   * Installs values that take precedence over the process environment (local runner and tests
   * only).
   */
  public static void install(Map<String, String> values) {
    OVERRIDES.set(Map.copyOf(values));
  }
}
