package com.taskchain.orchestrator.retrieval.internal;

import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.retrieval.Facet;
import com.taskchain.orchestrator.retrieval.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a company document into passages. A YAML tool configuration gives one passage per top-level
 * key (with the comments above it; the one-line settings together as {@code settings}), cited as
 * {@code tool_configs/cicd.yaml#change_windows}. A Markdown document gives one per section: the
 * text before the first second-level heading is the overview, and every {@code ##} or {@code ###}
 * heading starts a section. A section longer than {@value #MAX_SECTION_CHARS} characters is cut
 * between paragraphs (a paragraph longer than that, between lines). A section's title names the
 * document and the heading path ("Operations Policy — version 2 › 4. Change windows › 4.2 Freeze
 * periods"), so that a hit reads on its own and the title's words are searchable.
 */
public final class DocumentSections {
  /** The longest passage cut from a document, in characters. */
  public static final int MAX_SECTION_CHARS = 1_500;

  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");

  private DocumentSections() {}

  private record Section(String heading, String path, StringBuilder text) {}

  /** The passages of a Markdown document, in document order. */
  public static List<Passage> of(CompanyDocument document, String text) {
    return document.path().endsWith(".yaml") ? yaml(document, text) : markdown(document, text);
  }

  private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z0-9_]+):(.*)$");

  /** One passage per top-level key of a YAML document, in document order. */
  private static List<Passage> yaml(CompanyDocument document, String yaml) {
    Source source = Source.of(document.kind());
    // Each entry: key -> text; the file's leading comment is the overview.
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    StringBuilder pending = new StringBuilder();
    StringBuilder current = null;
    boolean overviewTaken = false;
    for (String line : yaml.replace("\r\n", "\n").split("\n", -1)) {
      Matcher key = TOP_LEVEL_KEY.matcher(line);
      if (key.matches()) {
        String rest = key.group(2).replaceAll("#.*$", "").strip();
        String name =
            rest.isEmpty() || rest.equals("|") || rest.equals(">") ? key.group(1) : "settings";
        if (!overviewTaken) {
          overviewTaken = true;
          if (pending.length() > 0) {
            sections.put("overview", new StringBuilder(pending));
            pending.setLength(0);
          }
        }
        current = sections.computeIfAbsent(name, k -> new StringBuilder());
        current.append(pending).append(line).append('\n');
        pending.setLength(0);
      } else if (line.startsWith("#") || current == null) {
        pending.append(line).append('\n');
      } else {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      current.append(pending);
    } else if (pending.length() > 0) {
      sections.put("overview", pending);
    }
    List<Passage> passages = new ArrayList<>();
    for (Map.Entry<String, StringBuilder> section : sections.entrySet()) {
      String body = section.getValue().toString().strip();
      if (body.isEmpty()) {
        continue;
      }
      List<String> parts = split(body);
      for (int i = 0; i < parts.size(); i++) {
        String id = document.path() + "#" + section.getKey() + (i == 0 ? "" : "-" + (i + 1));
        String title = document.path() + " › " + section.getKey();
        passages.add(passage(document, source, id, title, parts.get(i)));
      }
    }
    return passages;
  }

  private static List<Passage> markdown(CompanyDocument document, String markdown) {
    Source source = Source.of(document.kind());
    String docTitle = document.path();
    List<Section> sections = new ArrayList<>();
    Section current = new Section("Overview", "Overview", new StringBuilder());
    String level2 = null;
    for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        int level = heading.group(1).length();
        String text = stripMarkup(heading.group(2));
        if (level == 1) {
          docTitle = text;
          continue;
        }
        if (level <= 3) {
          sections.add(current);
          String path = level == 2 || level2 == null ? text : level2 + " › " + text;
          if (level == 2) {
            level2 = text;
          }
          current = new Section(text, path, new StringBuilder());
          continue;
        }
      }
      current.text().append(line).append('\n');
    }
    sections.add(current);

    List<Passage> passages = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Section section : sections) {
      String body = section.text().toString().strip();
      if (body.isEmpty()) {
        continue; // a heading directly followed by its subsections
      }
      List<String> parts = split(body);
      for (int i = 0; i < parts.size(); i++) {
        String slug = slug(section.heading());
        String id = document.path() + "#" + slug + (i == 0 ? "" : "-" + (i + 1));
        int n = 2;
        while (!ids.add(id)) {
          id = document.path() + "#" + slug + "-" + n++;
        }
        String title = docTitle + " › " + section.path();
        passages.add(passage(document, source, id, title, parts.get(i)));
      }
    }
    return passages;
  }

  private static Passage passage(
      CompanyDocument document, Source source, String id, String title, String body) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("document", document.id());
    metadata.put("path", document.path());
    Map<Facet, String> facets = new EnumMap<>(Facet.class);
    facets.put(Facet.SOURCE, source.wire());
    Set<Facet> companyWide = EnumSet.of(Facet.SEVERITY);
    if (document.service().isPresent()) {
      metadata.put("service", document.service().get());
      facets.put(Facet.SERVICE, document.service().get());
    } else {
      companyWide.add(Facet.SERVICE);
    }
    document.effectiveFrom().ifPresent(from -> metadata.put("effective_from", from.toString()));
    document.effectiveTo().ifPresent(to -> metadata.put("effective_to", to.toString()));
    return new Passage(
        id,
        document.path(),
        source,
        title,
        title,
        body,
        metadata,
        facets,
        companyWide,
        Map.of(),
        document.effectiveFrom().orElse(null),
        document.effectiveTo().orElse(null));
  }

  /** The body in parts of at most {@link #MAX_SECTION_CHARS}, cut between paragraphs or lines. */
  static List<String> split(String body) {
    if (body.length() <= MAX_SECTION_CHARS) {
      return List.of(body);
    }
    List<String> pieces = new ArrayList<>();
    for (String paragraph : BLANK_LINES.split(body, -1)) {
      if (paragraph.length() <= MAX_SECTION_CHARS) {
        pieces.add(paragraph.strip());
      } else {
        for (String line : paragraph.split("\n", -1)) {
          pieces.add(
              line.length() <= MAX_SECTION_CHARS ? line : line.substring(0, MAX_SECTION_CHARS));
        }
      }
    }
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (String piece : pieces) {
      if (piece.isBlank()) {
        continue;
      }
      if (part.length() > 0 && part.length() + 1 + piece.length() > MAX_SECTION_CHARS) {
        parts.add(part.toString());
        part.setLength(0);
      }
      if (part.length() > 0) {
        part.append('\n');
      }
      part.append(piece);
    }
    if (part.length() > 0) {
      parts.add(part.toString());
    }
    return parts;
  }

  /** {@code "5. Rollback triggers"} → {@code "5-rollback-triggers"}. */
  static String slug(String heading) {
    String slug = NOT_SLUG.matcher(heading.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = slug.replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "section" : slug;
  }

  private static String stripMarkup(String heading) {
    return heading.replace("`", "").replace("**", "").strip();
  }
}
