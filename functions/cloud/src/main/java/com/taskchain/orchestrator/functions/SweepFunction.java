package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.pipeline.Sweeper;
import com.taskchain.orchestrator.queue.QueueConfig;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code POST /internal/sweep}: re-enqueues the stage of runs stuck past the deadline, or fails
 * them with a reason. Called by Cloud Scheduler in the cloud (with an OIDC token of the task
 * invoker, checked as the stages check theirs) and periodically by the local runner. Internal.
 */
public final class SweepFunction implements HttpFunction {
  private final Supplier<Sweeper> sweeper;
  private final Supplier<QueueConfig> queueConfig;

  public SweepFunction() {
    this(Components::sweeper, Components::queueConfig);
  }

  SweepFunction(Supplier<Sweeper> sweeper, Supplier<QueueConfig> queueConfig) {
    this.sweeper = sweeper;
    this.queueConfig = queueConfig;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "POST");
          QueueConfig config = queueConfig.get();
          InvokerCheck.require(request, config.invokerServiceAccount(), config::requireSweepUrl);
          Http.json(response, 200, sweeper.get().sweep());
        });
  }
}
