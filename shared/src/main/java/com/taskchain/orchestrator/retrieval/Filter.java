package com.taskchain.orchestrator.retrieval;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One restriction of a search. Each filter remembers the tool arguments it came from, so that when
 * a search relaxes it the caller can say which arguments were dropped.
 */
public sealed interface Filter
    permits Filter.Equals, Filter.Between, Filter.OnDays, Filter.Overlaps {

  /** The argument of a filter that a search read from the query's own words ("in Q3 2025"). */
  String QUERY_PERIOD = "query_period";

  /** The tool arguments this filter was built from, e.g. {@code [time_start, time_end]}. */
  List<String> arguments();

  /** The filter in words, e.g. {@code service=atlas-checkout}. */
  String describe();

  /**
   * The passage's facet equals the value (case-insensitively).
   *
   * @param facet the attribute
   * @param value the wanted value
   * @param companyWidePasses whether passages that apply to every value (a policy applies to every
   *     service and severity) pass too; records never do
   */
  record Equals(Facet facet, String value, boolean companyWidePasses, List<String> arguments)
      implements Filter {
    public Equals {
      Objects.requireNonNull(facet, "facet");
      Objects.requireNonNull(value, "value");
      if (value.isBlank()) {
        throw new IllegalArgumentException("value: must not be blank");
      }
      arguments = List.copyOf(arguments);
    }

    /** A filter for records only, from the argument of the same name as the facet. */
    public static Equals of(Facet facet, String value) {
      return new Equals(facet, value, false, List.of(facet.field()));
    }

    @Override
    public String describe() {
      return facet.field() + "=" + value;
    }
  }

  /**
   * The record's date lies in {@code [from, to]}; a missing bound is open. Records without that
   * date (incidents have no {@code created}) never pass.
   */
  record Between(DateField field, Instant from, Instant to, List<String> arguments)
      implements Filter {
    public Between {
      Objects.requireNonNull(field, "field");
      if (from == null && to == null) {
        throw new IllegalArgumentException("from, to: at least one bound is required");
      }
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("from: must not be after to");
      }
      arguments = List.copyOf(arguments);
    }

    @Override
    public String describe() {
      return field.field()
          + " in ["
          + (from == null ? "" : from)
          + ", "
          + (to == null ? "" : to)
          + "]";
    }
  }

  /**
   * The record's own day, an incident's {@code opened} or a Jira issue's {@code created} (UTC), is
   * in {@code [first, last]}. Passages without one (document sections) never pass.
   */
  record OnDays(LocalDate first, LocalDate last, List<String> arguments) implements Filter {
    public OnDays {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(last, "last");
      if (first.isAfter(last)) {
        throw new IllegalArgumentException("first: must not be after last");
      }
      arguments = List.copyOf(arguments);
    }

    @Override
    public String describe() {
      return "dated in [" + first + ", " + last + "]";
    }
  }

  /**
   * The passage was active at some time in {@code [start, end]}: an incident from opened to
   * resolved (still open: to now), a policy while in force; runbooks are always active. A missing
   * bound is open.
   */
  record Overlaps(Instant start, Instant end, List<String> arguments) implements Filter {
    public Overlaps {
      if (start == null && end == null) {
        throw new IllegalArgumentException("start, end: at least one bound is required");
      }
      if (start != null && end != null && start.isAfter(end)) {
        throw new IllegalArgumentException("start: must not be after end");
      }
      arguments = List.copyOf(arguments);
    }

    @Override
    public String describe() {
      return "active in [" + (start == null ? "" : start) + ", " + (end == null ? "" : end) + "]";
    }
  }
}
