package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.pipeline.StageRunner;
import com.taskchain.orchestrator.queue.QueueConfig;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The execute stage, called by Cloud Tasks with {@code {"task_id", "run_id"}}. Internal. See {@link
 * StageDoor}.
 */
public final class ExecuteStageFunction implements HttpFunction {
  private final StageDoor door;

  public ExecuteStageFunction() {
    this(Components::stageRunner, Components::queueConfig);
  }

  ExecuteStageFunction(Supplier<StageRunner> runner, Supplier<QueueConfig> queueConfig) {
    this.door = new StageDoor(Stage.EXECUTE, runner, queueConfig);
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    door.service(request, response);
  }
}
