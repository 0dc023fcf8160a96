package com.taskchain.orchestrator.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.plan.PlanLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorConfigTest {

  @Test
  void defaults_suitAFunctionInstance() {
    ExecutorConfig config = ExecutorConfig.defaults();

    assertThat(config.parallelism()).isEqualTo(ExecutorConfig.DEFAULT_PARALLELISM);
    assertThat(config.failFast()).isFalse();
    assertThat(config.toolTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.runDeadline()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.planLimits()).isEqualTo(new PlanLimits(40, 100));
  }

  @Test
  void everyVariable_isRead() {
    ExecutorConfig config =
        ExecutorConfig.fromEnv(
            Map.ofEntries(
                Map.entry("ORCHESTRATOR_TOOL_TIMEOUT_S", "2.5"),
                Map.entry("ORCHESTRATOR_TOOL_MAX_RETRIES", "4"),
                Map.entry("ORCHESTRATOR_TOOL_BACKOFF_S", "0"),
                Map.entry("ORCHESTRATOR_EXECUTOR_FAIL_FAST", "1"),
                Map.entry("ORCHESTRATOR_EXECUTOR_PARALLELISM", "8"),
                Map.entry("ORCHESTRATOR_TOOL_BREAKER_FAILURES", "3"),
                Map.entry("ORCHESTRATOR_TOOL_BREAKER_OPEN_S", "45"),
                Map.entry("ORCHESTRATOR_PLAN_MAX_STEPS", "12"),
                Map.entry("ORCHESTRATOR_RUN_MAX_TOOL_CALLS", "30"),
                Map.entry("ORCHESTRATOR_RUN_DEADLINE_S", "120")));

    assertThat(config)
        .isEqualTo(
            new ExecutorConfig(
                Duration.ofMillis(2500),
                4,
                Duration.ZERO,
                true,
                8,
                3,
                Duration.ofSeconds(45),
                12,
                30,
                Duration.ofMinutes(2)));
  }

  @Test
  void parallelismOutOfRange_isRefused_namingTheVariable() {
    assertThatThrownBy(
            () -> ExecutorConfig.fromEnv(Map.of("ORCHESTRATOR_EXECUTOR_PARALLELISM", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_EXECUTOR_PARALLELISM");
  }

  @Test
  void deadlineThatIsNoNumber_isRefused_namingTheVariable() {
    assertThatThrownBy(() -> ExecutorConfig.fromEnv(Map.of("ORCHESTRATOR_RUN_DEADLINE_S", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_RUN_DEADLINE_S");
  }

  @Test
  void withers_changeOnlyTheirFields() {
    ExecutorConfig base = ExecutorConfig.defaults();

    ExecutorConfig changed = base.withParallelism(1).withFailFast(true);

    assertThat(changed.parallelism()).isEqualTo(1);
    assertThat(changed.failFast()).isTrue();
    assertThat(changed.withParallelism(base.parallelism()).withFailFast(false)).isEqualTo(base);
  }
}
