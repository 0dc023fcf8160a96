package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.pipeline.Sweeper;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code POST /internal/sweep}: re-enqueues the stage of runs stuck past the deadline, or fails
 * them with a reason. Called by Cloud Scheduler in the cloud and periodically by the local runner.
 * Internal.
 */
public final class SweepFunction implements HttpFunction {
  private final Supplier<Sweeper> sweeper;

  public SweepFunction() {
    this(Components::sweeper);
  }

  SweepFunction(Supplier<Sweeper> sweeper) {
    this.sweeper = sweeper;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "POST");
          Http.json(response, 200, sweeper.get().sweep());
        });
  }
}
