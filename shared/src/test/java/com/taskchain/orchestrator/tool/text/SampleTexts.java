package com.taskchain.orchestrator.tool.text;

/** Realistic inputs shared by the text tool, planner and verifier tests. */
public final class SampleTexts {
  private SampleTexts() {}

  /** The seed's example task. */
  public static final String SEED_TASK =
      "Prepare an executive update for Atlas Checkout migration and include risks.";

  /** An incident hand-over note. */
  public static final String INCIDENT =
      """
      SEV1: payments-api outage since 09:40 UTC. Error rate at 35% on Checkout Service after the \
      2.4 deploy.
      Jane Doe to roll back by 11:00; see PAY-1423 and https://status.example.com/incidents/77.
      We must notify Acme Corp within 48 hours, and the rollback may delay the March 5 launch.
      @sam please update the status page by EOD.
      Budget impact is estimated at $250k.
      """;

  /** Text with nothing to extract. */
  public static final String SMALL_TALK = "ok, thanks.";
}
