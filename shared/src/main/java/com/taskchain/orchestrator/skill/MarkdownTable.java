package com.taskchain.orchestrator.skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pipe table of a Markdown document: the heading it sits under, its header cells (lower case) and
 * its rows as header → cell maps. Cells keep their Markdown; {@link Text#plain} cleans them.
 *
 * @param heading the nearest heading above the table, without its '#' marks
 * @param header the header cells, lower case
 * @param rows each row by header cell
 */
record MarkdownTable(String heading, List<String> header, List<Map<String, String>> rows) {
  MarkdownTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  /** Every table of the document, in order. */
  static List<MarkdownTable> all(String markdown) {
    List<MarkdownTable> tables = new ArrayList<>();
    String heading = "";
    List<String> header = null;
    List<Map<String, String>> rows = new ArrayList<>();
    for (String raw : markdown.lines().toList()) {
      String line = raw.strip();
      boolean row = line.startsWith("|") && line.endsWith("|") && line.length() > 1;
      if (!row) {
        if (header != null) {
          tables.add(new MarkdownTable(heading, header, rows));
          header = null;
          rows = new ArrayList<>();
        }
        if (line.startsWith("#")) {
          heading = line.replaceFirst("^#+\\s*", "").strip();
        }
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        header = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
          String name = Text.plain(cells.get(i)).toLowerCase(Locale.ROOT);
          header.add(name.isEmpty() || header.contains(name) ? "column " + (i + 1) : name);
        }
      } else if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
        continue;
      } else {
        Map<String, String> byHeader = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          byHeader.put(header.get(i), i < cells.size() ? cells.get(i) : "");
        }
        rows.add(byHeader);
      }
    }
    if (header != null) {
      tables.add(new MarkdownTable(heading, header, rows));
    }
    return tables;
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.length() - 1);
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  /** The first table whose header has every one of {@code columns}. */
  static Optional<MarkdownTable> withColumns(String markdown, String... columns) {
    return all(markdown).stream()
        .filter(t -> List.of(columns).stream().allMatch(t.header()::contains))
        .findFirst();
  }

  /** The key → value rows of a two-column table (the first cell is the key, lower case). */
  Map<String, String> keyValues() {
    Map<String, String> values = new LinkedHashMap<>();
    if (header.size() >= 2) {
      for (Map<String, String> row : rows) {
        values.put(
            Text.plain(row.get(header.get(0))).toLowerCase(Locale.ROOT), row.get(header.get(1)));
      }
    }
    return values;
  }
}
