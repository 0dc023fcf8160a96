package com.taskchain.orchestrator.retrieval.internal;

/** The index's field names and the version of its layout. */
public final class Fields {
  private Fields() {}

  /** Bumped whenever the layout changes; the index records it and the reader checks it. */
  public static final String LAYOUT_VERSION = "3";

  /** Commit user data key holding {@link #LAYOUT_VERSION}. */
  public static final String LAYOUT_KEY = "taskchain.layout";

  /** The citation id, stored and indexed as a keyword. */
  public static final String ID = "id";

  /** The citation source, stored. */
  public static final String DOCUMENT = "document";

  /**
   * The searched text, analysed, not stored: a lead (a record's id, a section's title) then {@link
   * #BODY}.
   */
  public static final String TEXT = "text";

  /** Stored: the title shown with a hit. */
  public static final String TITLE = "title";

  /** Stored: the passage's text. */
  public static final String BODY = "body";

  /** Prefix of the stored metadata fields, e.g. {@code m.priority}. */
  public static final String METADATA = "m.";

  /** Points: when a passage became and stopped being active (epoch milliseconds). */
  public static final String ACTIVE_FROM = "active_from";

  public static final String ACTIVE_TO = "active_to";

  /**
   * Points: a record's own day (an incident's {@code opened}, a Jira issue's {@code created}) as
   * days since 1970-01-01 UTC; document sections have none.
   */
  public static final String DAY = "day";

  /** The facet value of a passage that applies to every value (a policy, for every service). */
  public static final String ANY_VALUE = "*";

  /** The text searched for a passage. */
  public static String text(String lead, String body) {
    return lead + "\n" + body;
  }
}
