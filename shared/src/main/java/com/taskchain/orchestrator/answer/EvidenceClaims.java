package com.taskchain.orchestrator.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Upstream;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims taken straight from the evidence, for an answer no skill spoke to: the first hits of each
 * search (title and snippet), the first tickets of a Jira search (summary), and the first lines of
 * each company document fetched. Each quotes its source, so it is grounded by construction.
 */
final class EvidenceClaims {
  private static final int MAX_CLAIM_CHARS = 300;

  private EvidenceClaims() {}

  static List<Claim> from(Upstream upstream, int hitsPerSearch, int ticketsPerSearch) {
    List<Claim> claims = new ArrayList<>();
    for (Upstream.Step step : upstream.steps()) {
      if (!step.succeeded() || step.output() == null) {
        continue;
      }
      JsonNode output = step.output();
      int taken = 0;
      for (JsonNode hit : output.path("hits")) {
        if (taken++ >= hitsPerSearch || !hit.path("citation_id").isTextual()) {
          break;
        }
        String title = hit.path("title").asText("");
        String snippet = hit.path("snippet").asText(hit.path("text").asText(""));
        String sentence = title.isBlank() ? snippet : title + ": " + snippet;
        claims.add(Claim.of(cut(sentence), hit.path("citation_id").asText()));
      }
      taken = 0;
      for (JsonNode ticket : output.path("tickets")) {
        if (taken++ >= ticketsPerSearch || !ticket.path("key").isTextual()) {
          break;
        }
        String key = ticket.path("key").asText();
        claims.add(
            Claim.of(
                cut(
                    key
                        + " ("
                        + ticket.path("status").asText("")
                        + "): "
                        + ticket.path("summary").asText("")),
                key));
      }
      if (output.path("path").isTextual() && output.path("excerpt").isTextual()) {
        String path = output.path("path").asText().replaceFirst("^company_sim/", "");
        String line =
            output
                .path("excerpt")
                .asText()
                .lines()
                .map(String::strip)
                .filter(l -> l.length() > 20 && !l.startsWith("|"))
                .findFirst()
                .orElse("");
        if (!line.isEmpty()) {
          claims.add(Claim.of(cut(line.replaceFirst("^[#*\\-\\s]+", "")), path));
        }
      }
    }
    return claims;
  }

  private static String cut(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    if (flat.length() <= MAX_CLAIM_CHARS) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', MAX_CLAIM_CHARS);
    return flat.substring(0, cut > 0 ? cut : MAX_CLAIM_CHARS) + " …";
  }
}
