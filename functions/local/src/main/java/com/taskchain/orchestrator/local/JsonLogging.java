package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (Jetty, the Functions Framework, and through its SLF4J bridge Flyway,
 * HikariCP and embedded PostgreSQL) to standard output as one JSON object per line, in the same
 * shape as the product's own logs, so the local runner's output reads like a deployed function's.
 */
final class JsonLogging {
  private JsonLogging() {}

  static void install() {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (!isLoggable(record)) {
              return;
            }
            ObjectNode line = Json.object();
            line.put("severity", severity(record.getLevel()));
            String message = record.getMessage();
            if (record.getParameters() != null && message != null && message.contains("{0")) {
              message = java.text.MessageFormat.format(message, record.getParameters());
            }
            line.put("message", String.valueOf(message));
            line.put("time", record.getInstant().toString());
            line.put("logger", String.valueOf(record.getLoggerName()));
            if (record.getThrown() != null) {
              StringWriter trace = new StringWriter();
              record.getThrown().printStackTrace(new PrintWriter(trace));
              line.put("stack_trace", trace.toString());
            }
            System.out.println(Json.write(line));
          }

          @Override
          public void flush() {
            System.out.flush();
          }

          @Override
          public void close() {}
        });
  }

  private static String severity(Level level) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (level.intValue() >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    if (level.intValue() >= Level.INFO.intValue()) {
      return "INFO";
    }
    return "DEBUG";
  }
}
