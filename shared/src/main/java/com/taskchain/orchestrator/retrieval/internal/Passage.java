package com.taskchain.orchestrator.retrieval.internal;

import com.taskchain.orchestrator.retrieval.DateField;
import com.taskchain.orchestrator.retrieval.Facet;
import com.taskchain.orchestrator.retrieval.Source;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One unit of the index, as the builder writes it: a corpus record or a section of a company
 * document.
 *
 * @param id the citation id
 * @param document the citation source
 * @param source the kind
 * @param title shown with hits
 * @param lead searched before the body (the record id, or the section title)
 * @param body the text
 * @param metadata shown with hits; string values, in a stable order
 * @param facets filterable keyword values (not normalised yet)
 * @param companyWide facets for which this passage applies to every value
 * @param dates filterable dates
 * @param activeFrom start of the active period; null when unbounded
 * @param activeTo end of the active period; null when unbounded (or still open)
 */
public record Passage(
    String id,
    String document,
    Source source,
    String title,
    String lead,
    String body,
    Map<String, String> metadata,
    Map<Facet, String> facets,
    Set<Facet> companyWide,
    Map<DateField, Instant> dates,
    Instant activeFrom,
    Instant activeTo) {
  public Passage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(body, "body");
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    facets =
        facets.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(facets));
    companyWide =
        companyWide.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(companyWide));
    dates =
        dates.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(dates));
  }
}
