package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.tool.Upstream;
import com.taskchain.orchestrator.tool.company.FetchCompanyReference;
import java.util.Optional;

/**
 * The company documents a run fetched, by their citation id (the path under {@code company_sim/},
 * e.g. {@code governance.md}): the longest excerpt fetched of each, so a skill reads exactly what
 * the run retrieved and cites it by that id.
 */
final class FetchedDocuments {
  private final Upstream upstream;

  FetchedDocuments(Upstream upstream) {
    this.upstream = upstream;
  }

  /** The longest excerpt of the document at {@code path} fetched in this run. */
  Optional<String> text(String path) {
    String best = null;
    for (JsonNode output : upstream.outputsOf(FetchCompanyReference.NAME)) {
      String fetched =
          output.path("path").asText("").replaceFirst("^" + FetchCompanyReference.PATH_PREFIX, "");
      String excerpt = output.path("excerpt").asText("");
      if (fetched.equals(path) && (best == null || excerpt.length() > best.length())) {
        best = excerpt;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether the document at {@code path} was fetched. */
  boolean has(String path) {
    return text(path).isPresent();
  }
}
