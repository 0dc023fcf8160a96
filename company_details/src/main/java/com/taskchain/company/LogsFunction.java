package com.taskchain.company;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The mock log search: {@code GET ?service=&start=&end=&pattern=&level=&limit=} answers {@code
 * {"events":[{ts, service, level, message, trace_id}], "total"}} in time order. {@code service}
 * takes one id or a comma-separated list; {@code start} (inclusive) and {@code end} (exclusive) are
 * ISO-8601 times; {@code pattern} is a case-insensitive regular expression found anywhere in the
 * message (a plain word works); {@code level} is the least severe level kept (DEBUG, INFO, WARN,
 * ERROR); {@code limit} is 1–1,000 (default 100); {@code total} counts every match. A bad parameter
 * answers 400 naming it. Read-only; thread-safe.
 */
public final class LogsFunction implements HttpFunction {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  static final int MAX_PATTERN_LENGTH = 200;
  private static final Set<String> PARAMETERS =
      Set.of("service", "start", "end", "pattern", "level", "limit");

  private final Supplier<LogData> data;

  /** Reads the events from the classpath on first use. */
  public LogsFunction() {
    this(Holder::data);
  }

  LogsFunction(Supplier<LogData> data) {
    this.data = data;
  }

  private static final class Holder {
    private static final LogData DATA = LogData.load();

    static LogData data() {
      return DATA;
    }
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    if (!Responses.requireGet(request, response)) {
      return;
    }
    LogData logs = data.get();
    LogData.Result result;
    try {
      Params params = Params.of(request.getQueryParameters(), PARAMETERS);
      Optional<Instant> start = params.instant("start");
      Optional<Instant> end = params.instant("end");
      if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
        throw new BadParameterException("end", "'end' must be after 'start'");
      }
      Set<String> levels = params.choices("level", new TreeSet<>(LogData.LEVELS));
      if (levels.size() > 1) {
        throw new BadParameterException("level", "'level' takes one level, the least severe kept");
      }
      result =
          logs.search(
              params.choices("service", Services.IDS),
              start,
              end,
              pattern(params),
              levels.stream().findFirst(),
              params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    } catch (BadParameterException e) {
      Responses.badParameter(response, e);
      return;
    }
    ObjectNode body = Responses.MAPPER.createObjectNode();
    ArrayNode events = body.putArray("events");
    for (LogEvent e : result.events()) {
      events
          .addObject()
          .put("ts", e.ts().toString())
          .put("service", e.service())
          .put("level", e.level())
          .put("message", e.message())
          .put("trace_id", e.traceId());
    }
    body.put("total", result.total());
    Responses.json(response, 200, body);
  }

  private static Optional<Pattern> pattern(Params params) throws BadParameterException {
    Optional<String> text = params.text("pattern");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.get().length() > MAX_PATTERN_LENGTH) {
      throw new BadParameterException(
          "pattern", "'pattern' is longer than " + MAX_PATTERN_LENGTH + " characters");
    }
    try {
      return Optional.of(Pattern.compile(text.get(), Pattern.CASE_INSENSITIVE));
    } catch (PatternSyntaxException e) {
      throw new BadParameterException(
          "pattern", "'pattern' is not a valid regular expression: " + e.getDescription());
    }
  }
}
