package com.taskchain.orchestrator.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console: {@code GET /} is its page and {@code GET /console/{asset}} its script and style
 * sheet, all shipped inside the jar (no CDN, no web fonts: it works offline). The page calls the
 * public API from the browser, so this function reads no configuration and touches no database.
 */
public final class HomeFunction implements HttpFunction {
  private static final String RESOURCES = "/console/";

  /** Asset names are one plain segment with a known extension, so no path can leave the folder. */
  private static final Pattern ASSET =
      Pattern.compile("/console/([a-z0-9][a-z0-9-]*\\.(js|css))/?");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  /**
   * Scripts and styles only from this origin, no inline script, no framing; the page draws its
   * graphs as SVG elements, which need nothing more.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Http.serve(
        request,
        response,
        () -> {
          Http.requireMethod(request, response, "GET");
          String file = fileFor(request.getPath()).orElseThrow(() -> notFound(request.getPath()));
          try (InputStream content = HomeFunction.class.getResourceAsStream(RESOURCES + file)) {
            if (content == null) {
              throw notFound(request.getPath());
            }
            response.setStatusCode(200);
            response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
            response.appendHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.appendHeader("X-Content-Type-Options", "nosniff");
            response.appendHeader("Referrer-Policy", "no-referrer");
            // Revalidate every time: a page and its script must never come from two versions.
            response.appendHeader("Cache-Control", "no-cache");
            try (OutputStream out = response.getOutputStream()) {
              content.transferTo(out);
            }
          }
        });
  }

  /** The resource under {@code /console/} that a path names, if any. */
  static Optional<String> fileFor(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return Optional.of("index.html");
    }
    Matcher asset = ASSET.matcher(path);
    return asset.matches() ? Optional.of(asset.group(1)) : Optional.empty();
  }

  private static HttpError notFound(String path) {
    return new HttpError(404, "not_found", "no console file at " + Http.abbreviate(path));
  }
}
