package com.taskchain.orchestrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueConfigTest {

  @Test
  void emptyEnvironment_givesDocumentedDefaults() {
    QueueConfig config = QueueConfig.fromEnv(Map.of());

    assertThat(config.queuePath())
        .isEqualTo("projects/local-project/locations/us-central1/queues/taskchain-stages");
    assertThat(config.emulatorUrl()).isEmpty();
    assertThat(config.invokerServiceAccount()).isEmpty();
    assertThat(config.maxAttempts()).isEqualTo(5);
    assertThat(config.dispatchDeadline()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.stageUrls()).isEmpty();
  }

  @Test
  void everyVariable_isRead() {
    QueueConfig config =
        QueueConfig.fromEnv(
            Map.of(
                "ORCHESTRATOR_TASKS_PROJECT", "acme-prod",
                "ORCHESTRATOR_TASKS_LOCATION", "europe-west1",
                "ORCHESTRATOR_TASKS_QUEUE", "stages-2",
                "ORCHESTRATOR_TASKS_EMULATOR_URL", "http://127.0.0.1:8123",
                "ORCHESTRATOR_STAGE_PLAN_URL", "https://plan.example.run.app/",
                "ORCHESTRATOR_STAGE_EXECUTE_URL", "https://execute.example.run.app/",
                "ORCHESTRATOR_STAGE_VERIFY_URL", "https://verify.example.run.app/",
                "ORCHESTRATOR_TASKS_INVOKER_SA", "tasks@acme-prod.iam.gserviceaccount.com",
                "ORCHESTRATOR_TASKS_MAX_ATTEMPTS", "7",
                "ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S", "90.5"));

    assertThat(config.queuePath())
        .isEqualTo("projects/acme-prod/locations/europe-west1/queues/stages-2");
    assertThat(config.emulatorUrl()).contains(URI.create("http://127.0.0.1:8123"));
    assertThat(config.stageUrl(Stage.PLAN)).isEqualTo(URI.create("https://plan.example.run.app/"));
    assertThat(config.stageUrl(Stage.EXECUTE))
        .isEqualTo(URI.create("https://execute.example.run.app/"));
    assertThat(config.stageUrl(Stage.VERIFY))
        .isEqualTo(URI.create("https://verify.example.run.app/"));
    assertThat(config.invokerServiceAccount()).contains("tasks@acme-prod.iam.gserviceaccount.com");
    assertThat(config.maxAttempts()).isEqualTo(7);
    assertThat(config.dispatchDeadline()).isEqualTo(Duration.ofMillis(90_500));
  }

  @Test
  void missingStageUrl_failsOnlyWhenThatStageIsAskedFor_namingTheVariable() {
    QueueConfig config =
        QueueConfig.fromEnv(Map.of("ORCHESTRATOR_STAGE_PLAN_URL", "http://127.0.0.1:9000/plan"));

    assertThat(config.stageUrl(Stage.PLAN)).isEqualTo(URI.create("http://127.0.0.1:9000/plan"));
    assertThatThrownBy(() -> config.stageUrl(Stage.VERIFY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_STAGE_VERIFY_URL");
  }

  @Test
  void malformedStageUrl_isRefusedAtStart() {
    assertThatThrownBy(
            () -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_STAGE_EXECUTE_URL", "execute.local")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_STAGE_EXECUTE_URL");
  }

  @Test
  void emulatorUrlWithAPath_isRefused() {
    assertThatThrownBy(
            () ->
                QueueConfig.fromEnv(
                    Map.of("ORCHESTRATOR_TASKS_EMULATOR_URL", "http://127.0.0.1:8123/v2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_TASKS_EMULATOR_URL");
  }

  @Test
  void emulatorUrlWithoutScheme_isRefused() {
    assertThatThrownBy(
            () -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_EMULATOR_URL", "127.0.0.1:8123")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_TASKS_EMULATOR_URL");
  }

  @Test
  void maxAttemptsOutOfRange_isRefused() {
    for (String value : new String[] {"0", "101", "-3"}) {
      assertThatThrownBy(
              () -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_MAX_ATTEMPTS", value)))
          .as(value)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("ORCHESTRATOR_TASKS_MAX_ATTEMPTS");
    }
  }

  @Test
  void maxAttemptsNotANumber_isRefused() {
    assertThatThrownBy(() -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_MAX_ATTEMPTS", "five")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_TASKS_MAX_ATTEMPTS");
  }

  @Test
  void dispatchDeadlineOutsideCloudTasksLimits_isRefused() {
    for (String value : new String[] {"14.9", "1801", "abc"}) {
      assertThatThrownBy(
              () -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S", value)))
          .as(value)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S");
    }
  }

  @Test
  void malformedQueueId_isRefused() {
    assertThatThrownBy(() -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_QUEUE", "my queue")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_TASKS_QUEUE");
  }

  @Test
  void malformedProjectId_isRefused() {
    assertThatThrownBy(() -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_PROJECT", "Acme/Prod")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_TASKS_PROJECT");
  }

  @Test
  void invokerServiceAccountThatIsNotAnEmail_isRefused() {
    assertThatThrownBy(
            () -> QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_INVOKER_SA", "tasks-invoker")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_TASKS_INVOKER_SA");
  }

  @Test
  void lastAttempt_isTheOneWhoseRetryCountReachesMaxAttemptsMinusOne() {
    QueueConfig config = QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_MAX_ATTEMPTS", "3"));

    assertThat(config.isLastAttempt(0)).isFalse();
    assertThat(config.isLastAttempt(1)).isFalse();
    assertThat(config.isLastAttempt(2)).isTrue();
    // A queue whose retry config was raised outside our control still ends here.
    assertThat(config.isLastAttempt(9)).isTrue();
  }

  @Test
  void singleAttemptQueue_makesTheFirstDeliveryTheLast() {
    QueueConfig config = QueueConfig.fromEnv(Map.of("ORCHESTRATOR_TASKS_MAX_ATTEMPTS", "1"));

    assertThat(config.isLastAttempt(0)).isTrue();
  }

  @Test
  void toString_leavesOutUserInfoAndQueryOfUrls() {
    QueueConfig config =
        QueueConfig.fromEnv(
            Map.of(
                "ORCHESTRATOR_STAGE_PLAN_URL", "https://user:hunter2@plan.example/p?key=s3cret"));

    assertThat(config.toString())
        .contains("https://plan.example/p")
        .doesNotContain("hunter2")
        .doesNotContain("s3cret");
  }
}
