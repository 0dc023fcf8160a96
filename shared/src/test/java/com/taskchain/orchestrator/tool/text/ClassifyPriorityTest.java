package com.taskchain.orchestrator.tool.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.tool.text.ClassifyPriority.Priority;
import org.junit.jupiter.api.Test;

class ClassifyPriorityTest {
  private final ClassifyPriority tool = new ClassifyPriority();

  private ClassifyPriority.Output classify(String text) {
    return tool.call(new ClassifyPriority.Input(text));
  }

  @Test
  void explicitPriorityLine_isAStrongSignal() {
    ClassifyPriority.Output without = classify(SampleTexts.SEED_TASK);
    ClassifyPriority.Output with = classify(SampleTexts.SEED_TASK + "\npriority: high");

    assertThat(without.priority()).isNotEqualTo(Priority.HIGH);
    assertThat(with.priority()).isEqualTo(Priority.HIGH);
    assertThat(with.score()).isGreaterThan(without.score());
    assertThat(with.signals()).contains("explicit priority: high");
  }

  @Test
  void explicitLowPriority_outweighsAMildSignal() {
    ClassifyPriority.Output output = classify("priority: low\nPrepare an executive update.");

    assertThat(output.priority()).isEqualTo(Priority.LOW);
  }

  @Test
  void incident_isHigh_withTheOutageAmongItsSignals() {
    ClassifyPriority.Output output = classify(SampleTexts.INCIDENT);

    assertThat(output.priority()).isEqualTo(Priority.HIGH);
    assertThat(output.signals()).contains("outage", "explicit sev1");
  }

  @Test
  void seedTask_isMedium_fromTheExecutiveAudienceAndRisks() {
    ClassifyPriority.Output output = classify(SampleTexts.SEED_TASK);

    assertThat(output.priority()).isEqualTo(Priority.MEDIUM);
    assertThat(output.signals()).containsExactly("executive", "risks");
  }

  @Test
  void noSignals_isLow_withScoreZero_andARationale() {
    ClassifyPriority.Output output = classify(SampleTexts.SMALL_TALK);

    assertThat(output.priority()).isEqualTo(Priority.LOW);
    assertThat(output.score()).isZero();
    assertThat(output.signals()).isEmpty();
    assertThat(output.rationale()).isNotBlank();
  }

  @Test
  void manySignals_scoreAtMost100() {
    ClassifyPriority.Output output =
        classify("URGENT: outage and data breach, critical, customer-facing, fix ASAP by EOD.");

    assertThat(output.score()).isEqualTo(100);
    assertThat(output.priority()).isEqualTo(Priority.HIGH);
  }

  @Test
  void loweringWords_keepTheScoreAtZero_notBelow() {
    ClassifyPriority.Output output = classify("Nice to have, no rush: tidy the backlog.");

    assertThat(output.score()).isZero();
    assertThat(output.priority()).isEqualTo(Priority.LOW);
  }

  @Test
  void aWordAndItsPlural_countOnce() {
    ClassifyPriority.Output once = classify("Note the risk.");
    ClassifyPriority.Output twice = classify("Note the risk and the other risks.");

    assertThat(twice.score()).isEqualTo(once.score());
  }

  @Test
  void rationale_namesTheSignals() {
    ClassifyPriority.Output output = classify("Urgent: reply today.");

    assertThat(output.rationale()).contains("urgent", "today", String.valueOf(output.score()));
  }
}
