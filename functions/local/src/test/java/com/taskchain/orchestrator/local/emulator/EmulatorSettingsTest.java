package com.taskchain.orchestrator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorSettingsTest {

  @Test
  void backoff_followsCloudTasksDocumentedExample() {
    // Cloud Tasks' RetryConfig documentation: min 10 s, max 300 s, 3 doublings.
    EmulatorSettings settings =
        EmulatorSettings.defaults()
            .withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(300), 3)
            .withMaxAttempts(9);

    List<Long> seconds = new ArrayList<>();
    for (int failed = 1; failed <= 8; failed++) {
      seconds.add(settings.backoff(failed).toSeconds());
    }

    assertThat(seconds).containsExactly(10L, 20L, 40L, 80L, 160L, 240L, 300L, 300L);
  }

  @Test
  void defaults_matchTheBrief() {
    EmulatorSettings settings = EmulatorSettings.defaults();

    assertThat(settings.maxAttempts()).isEqualTo(5);
    assertThat(settings.minBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxDoublings()).isEqualTo(5);
    assertThat(settings.tombstoneWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.dispatchDeadlineOverride()).isEmpty();
  }

  @Test
  void minBackoffAboveMax_isRefused() {
    assertThatThrownBy(
            () ->
                EmulatorSettings.defaults()
                    .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroAttempts_isRefused() {
    assertThatThrownBy(() -> EmulatorSettings.defaults().withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
