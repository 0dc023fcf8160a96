package com.taskchain.orchestrator.skill.internal;

import com.taskchain.orchestrator.answer.Findings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds a skill's claims with their citations: a document path is cited only when an upstream step
 * fetched it in this run (provenance), and always together with the skill's own evidence item
 * quoting the lines that carry the claim's numbers. Not thread-safe; one per skill call.
 */
public final class Citations {
  private final Findings.Builder findings;
  private final Set<String> fetched;
  private final Set<String> retrieved;

  /**
   * @param findings the skill's findings under construction
   * @param fetched document paths fetched upstream
   * @param retrieved other ids retrieved upstream (ticket keys, log ids)
   */
  public Citations(Findings.Builder findings, Set<String> fetched, Set<String> retrieved) {
    this.findings = findings;
    this.fetched = Set.copyOf(fetched);
    this.retrieved = Set.copyOf(retrieved);
  }

  /** Adds an evidence item quoting {@code text} from document {@code path}; returns its id. */
  public String quote(String path, String anchor, String text) {
    return findings.evidence(path + "#" + anchor, path, text);
  }

  /** Adds a derivation (arithmetic over the rules and records); returns its id. */
  public String derived(String anchor, String text) {
    return findings.evidence("derived/" + anchor, "derived", text);
  }

  /**
   * Adds a claim citing the given ids; a bare document path is kept only when fetched upstream, any
   * other id only when it is an evidence item of this skill or was retrieved upstream.
   */
  public void claim(String text, String... ids) {
    Set<String> cited = new LinkedHashSet<>();
    Set<String> own = new LinkedHashSet<>();
    findings.build().evidence().forEach(e -> own.add(e.citationId()));
    for (String id : ids) {
      if (id == null) {
        continue;
      }
      if (own.contains(id) || fetched.contains(id) || retrieved.contains(id)) {
        cited.add(id);
      }
    }
    if (!cited.isEmpty()) {
      findings.claim(text, new ArrayList<>(cited).toArray(String[]::new));
    }
  }

  /** Whether a document was fetched upstream. */
  public boolean fetched(String path) {
    return fetched.contains(path);
  }
}
