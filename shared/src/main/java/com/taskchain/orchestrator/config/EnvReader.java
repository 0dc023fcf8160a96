package com.taskchain.orchestrator.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed reads from an environment map, with messages that name the variable. Blank values count as
 * unset. Used by every configuration record's {@code fromEnv}.
 */
public final class EnvReader {
  private final Map<String, String> env;

  public EnvReader(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  public Optional<String> optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new ConfigException(name + " is required but not set"));
  }

  public int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(
            name + " must be between " + min + " and " + max + ", got " + raw.get());
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, got '" + raw.get() + "'");
    }
  }

  /** Seconds, possibly fractional ({@code 0.5}), as the seed's {@code *_S} variables. */
  public Duration seconds(String name, Duration fallback, Duration min, Duration max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      double seconds = Double.parseDouble(raw.get());
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new NumberFormatException();
      }
      Duration value = Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new ConfigException(
            name
                + " must be between "
                + min.toMillis() / 1000d
                + " and "
                + max.toMillis() / 1000d
                + " seconds, got "
                + raw.get());
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a number of seconds, got '" + raw.get() + "'");
    }
  }

  /** A {@code 1}/{@code 0} (also true/false, yes/no, on/off) flag. */
  public boolean flag(String name, boolean fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "yes", "on" -> {
        return true;
      }
      case "0", "false", "no", "off" -> {
        return false;
      }
      default -> throw new ConfigException(name + " must be 1 or 0, got '" + raw.get() + "'");
    }
  }

  /** One of a fixed set of lower-case words. */
  public String choice(String name, String fallback, String... allowed) {
    String value = string(name, fallback).toLowerCase(java.util.Locale.ROOT);
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return value;
      }
    }
    throw new ConfigException(
        name + " must be one of " + String.join(" | ", allowed) + ", got '" + value + "'");
  }

  /** An absolute http(s) URL. */
  public Optional<URI> url(String name) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw.get());
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new ConfigException(
            name + " must be an absolute http(s) URL, got '" + raw.get() + "'");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(name + " must be an absolute http(s) URL, got '" + raw.get() + "'");
    }
  }
}
