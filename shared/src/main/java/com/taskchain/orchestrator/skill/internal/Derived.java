package com.taskchain.orchestrator.skill.internal;

import com.taskchain.orchestrator.answer.Findings;
import java.util.ArrayList;
import java.util.List;

/**
 * A claim whose words a skill computed (a peak, a run of samples, a time, a comparison): it cites
 * an evidence item holding exactly that derivation, beside the records it was computed from, so
 * that every number it states can be found in what it cites.
 */
public final class Derived {
  private Derived() {}

  /**
   * Adds the derivation as evidence item {@code id} and the claim citing it and {@code sources}.
   *
   * @param sources citation ids of the records the derivation read (may be empty)
   */
  public static void claim(Findings.Builder out, String id, String text, List<String> sources) {
    List<String> citations = new ArrayList<>();
    citations.add(out.evidence(id, "derived", text));
    for (String source : sources) {
      if (!citations.contains(source)) {
        citations.add(source);
      }
    }
    out.claim(text, citations.toArray(String[]::new));
  }
}
