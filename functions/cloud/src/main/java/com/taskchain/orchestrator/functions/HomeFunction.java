package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /}: the console page, shipped inside the jar (no CDN, works offline). */
public final class HomeFunction implements HttpFunction {
  private static final String PAGE = "/console/index.html";

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "GET");
          try (InputStream page = HomeFunction.class.getResourceAsStream(PAGE)) {
            if (page == null) {
              throw new HttpError(404, "not_found", "the console page is not packaged");
            }
            response.setStatusCode(200);
            response.setContentType("text/html; charset=utf-8");
            try (OutputStream out = response.getOutputStream()) {
              page.transferTo(out);
            }
          }
        });
  }
}
