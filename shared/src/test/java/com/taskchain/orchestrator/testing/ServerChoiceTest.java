package com.taskchain.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {
  @Test
  void explicitUrl_winsWithoutProbingDocker() {
    AtomicBoolean probed = new AtomicBoolean();

    ServerChoice choice =
        ServerChoice.choose(
            Map.of(ServerChoice.JDBC_URL_ENV, "jdbc:postgresql://127.0.0.1:5432/x"),
            () -> {
              probed.set(true);
              return Optional.empty();
            });

    assertThat(choice).isEqualTo(new ServerChoice.External("jdbc:postgresql://127.0.0.1:5432/x"));
    assertThat(probed).isFalse();
  }

  @Test
  void answeringDocker_choosesAContainer() {
    assertThat(ServerChoice.choose(Map.of(), Optional::empty))
        .isInstanceOf(ServerChoice.Container.class);
  }

  @Test
  void dockerProblem_choosesEmbeddedAndSaysWhy() {
    ServerChoice choice = ServerChoice.choose(Map.of(), () -> Optional.of("no socket"));

    assertThat(choice).isEqualTo(new ServerChoice.Embedded("no socket"));
    assertThat(choice.why()).contains("no socket");
  }

  @Test
  void hungProbe_isAbandonedAtTheLimit() {
    CountDownLatch never = new CountDownLatch(1);

    Optional<String> problem =
        ServerChoice.probe(
            () -> {
              never.await();
              return true;
            },
            Duration.ofMillis(200));

    assertThat(problem).hasValueSatisfying(reason -> assertThat(reason).contains("within"));
  }

  @Test
  void failingProbe_reportsTheFailure() {
    Optional<String> problem =
        ServerChoice.probe(
            () -> {
              throw new IllegalStateException("socket refused");
            },
            Duration.ofSeconds(5));

    assertThat(problem).hasValueSatisfying(reason -> assertThat(reason).contains("socket refused"));
  }
}
