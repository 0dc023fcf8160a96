package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.tool.ToolRegistry;
import com.taskchain.orchestrator.wiring.Components;
import java.io.IOException;
import java.util.function.Supplier;

/** {@code GET /tools} → {@code {"tools": [{name, description, input_schema, output_schema}]}}. */
public final class ListToolsFunction implements HttpFunction {
  private final Supplier<ToolRegistry> tools;

  public ListToolsFunction() {
    this(Components::tools);
  }

  ListToolsFunction(Supplier<ToolRegistry> tools) {
    this.tools = tools;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "GET");
          var body = Json.object();
          body.set("tools", Json.tree(tools.get().describe()));
          Http.json(response, 200, body);
        });
  }
}
