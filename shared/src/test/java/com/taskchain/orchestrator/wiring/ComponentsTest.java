package com.taskchain.orchestrator.wiring;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.pipeline.PipelineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentsTest {

  @Test
  void defaultRunDeadline_fitsInTheDefaultLease() {
    assertThatCode(
            () ->
                Components.checkDeadlineWithinLease(
                    ExecutorConfig.defaults(), PipelineConfig.fromEnv(Map.of())))
        .doesNotThrowAnyException();
  }

  @Test
  void runDeadlineAtOrPastTheLease_isRefused_namingBothVariables() {
    ExecutorConfig executor = ExecutorConfig.fromEnv(Map.of("ORCHESTRATOR_RUN_DEADLINE_S", "600"));
    PipelineConfig pipeline = PipelineConfig.fromEnv(Map.of("ORCHESTRATOR_STAGE_LEASE_S", "600"));

    assertThatThrownBy(() -> Components.checkDeadlineWithinLease(executor, pipeline))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_RUN_DEADLINE_S")
        .hasMessageContaining("ORCHESTRATOR_STAGE_LEASE_S");
  }
}
