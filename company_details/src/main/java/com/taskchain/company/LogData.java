package com.taskchain.company;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The mock logging system's events in time order, loaded once; immutable and thread-safe. */
final class LogData {
  /** Levels from least to most severe; a level filter keeps that level and the ones after it. */
  static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

  private final List<LogEvent> events;

  LogData(List<LogEvent> events) {
    this.events = events.stream().sorted(Comparator.comparing(LogEvent::ts)).toList();
  }

  /** Every event in time order. */
  List<LogEvent> events() {
    return events;
  }

  /** Reads {@code systems/logs.jsonl} from the classpath. */
  static LogData load() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    List<LogEvent> events = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(SystemsData.open("logs.jsonl"), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          events.add(mapper.readValue(line, LogEvent.class));
        } catch (IOException e) {
          throw new UncheckedIOException("logs.jsonl line " + number + " is not valid", e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read logs.jsonl", e);
    }
    return new LogData(events);
  }

  /** The first {@code limit} matches in time order, and how many matched in all. */
  record Result(List<LogEvent> events, int total) {
    Result {
      events = List.copyOf(events);
    }
  }

  /** Events in {@code [start, end)} matching every given filter (empty means "any"). */
  Result search(
      Set<String> services,
      Optional<Instant> start,
      Optional<Instant> end,
      Optional<Pattern> pattern,
      Optional<String> minimumLevel,
      int limit) {
    int minimum = minimumLevel.map(LEVELS::indexOf).orElse(0);
    List<LogEvent> matches =
        events.stream()
            .filter(e -> services.isEmpty() || services.contains(e.service()))
            .filter(e -> start.isEmpty() || !e.ts().isBefore(start.get()))
            .filter(e -> end.isEmpty() || e.ts().isBefore(end.get()))
            .filter(e -> LEVELS.indexOf(e.level()) >= minimum)
            .filter(e -> pattern.isEmpty() || pattern.get().matcher(e.message()).find())
            .toList();
    return new Result(matches.subList(0, Math.min(limit, matches.size())), matches.size());
  }
}
