package com.taskchain.orchestrator.skill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
  static final Instant T0 = Instant.parse("2026-05-20T09:00:00Z");

  /** One error-rate sample a minute from T0, with these values. */
  static Samples errors(double... values) {
    List<Samples.Sample> samples = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      samples.add(new Samples.Sample(T0.plusSeconds(60L * i), null, values[i]));
    }
    return new Samples(samples);
  }

  @Test
  void valueExactlyAtTheLimit_meetsAtOrAbove_butNotStrictlyAbove() {
    Samples atLimit = errors(2.0, 2.0, 2.0, 2.0, 2.0);
    assertThat(atLimit.sustained("error_rate", ">=", 2.0, 5)).isPresent();
    assertThat(atLimit.sustained("error_rate", ">", 2.0, 5)).isEmpty();
  }

  @Test
  void nineMinutesAbove_isNotSustainedForTen_tenMinutesIs() {
    Samples nine = errors(0.5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0.5);
    assertThat(nine.sustained("error_rate", ">=", 2.0, 10)).isEmpty();
    assertThat(nine.sustained("error_rate", ">=", 2.0, 9)).isPresent();

    Samples ten = errors(0.5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0.5);
    Samples.Run run = ten.sustained("error_rate", ">=", 2.0, 10).orElseThrow();
    assertThat(run.first()).isEqualTo(T0.plusSeconds(60));
    assertThat(run.minutes()).isEqualTo(10);
    assertThat(run.metAfter(10)).isEqualTo(T0.plusSeconds(60L * 11));
  }

  @Test
  void oneSampleBelow_breaksTheRun() {
    Samples broken = errors(3, 3, 3, 1.9, 3, 3, 3);
    assertThat(broken.sustained("error_rate", ">=", 2.0, 4)).isEmpty();
    assertThat(broken.sustained("error_rate", ">=", 2.0, 3)).map(Samples.Run::first).contains(T0);
  }

  @Test
  void aMissingMinute_breaksTheRun() {
    List<Samples.Sample> gap = new ArrayList<>();
    for (int i : new int[] {0, 1, 2, 4, 5}) {
      gap.add(new Samples.Sample(T0.plusSeconds(60L * i), null, 3.0));
    }
    assertThat(new Samples(gap).sustained("error_rate", ">", 2.0, 4)).isEmpty();
  }

  @Test
  void theRunReportedIsTheWholeRun_withItsPeak() {
    Samples.Run run = errors(1, 5, 6, 7, 5, 1).sustained("error_rate", ">=", 5, 2).orElseThrow();
    assertThat(run.minutes()).isEqualTo(4);
    assertThat(run.peak()).isEqualTo(7);
    assertThat(run.last()).isEqualTo(T0.plusSeconds(60L * 4));
  }

  @Test
  void between_keepsTheStart_andDropsTheEnd() {
    Samples all = errors(1, 2, 3, 4);
    assertThat(all.between(T0.plusSeconds(60), T0.plusSeconds(180)).samples())
        .extracting(Samples.Sample::errorRate)
        .containsExactly(2.0, 3.0);
  }
}
