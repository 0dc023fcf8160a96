package com.taskchain.orchestrator.wiring;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.execute.ExecutorConfig;
import com.taskchain.orchestrator.queue.QueueConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentsTest {

  @Test
  void defaultRunDeadline_fitsInTheDefaultDispatchDeadline() {
    assertThatCode(
            () ->
                Components.checkDeadlineWithinDispatch(
                    ExecutorConfig.defaults(), QueueConfig.fromEnv(Map.of())))
        .doesNotThrowAnyException();
  }

  @Test
  void runDeadlineAtOrPastTheDispatchDeadline_isRefused_namingBothVariables() {
    ExecutorConfig executor = ExecutorConfig.fromEnv(Map.of("ORCHESTRATOR_RUN_DEADLINE_S", "600"));
    QueueConfig queue =
        QueueConfig.fromEnv(Map.of("ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S", "600"));

    assertThatThrownBy(() -> Components.checkDeadlineWithinDispatch(executor, queue))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_RUN_DEADLINE_S")
        .hasMessageContaining("ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S");
  }
}
