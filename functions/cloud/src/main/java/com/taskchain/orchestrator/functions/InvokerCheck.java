package com.taskchain.orchestrator.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpRequest;
import com.taskchain.orchestrator.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks that an internal function (a stage, the sweep) is called by the task invoker: when an
 * invoker service account is configured, the OIDC token's {@code email} claim must be that account
 * and its {@code aud} claim the function's own URL. Cloud Functions has already verified the token
 * (and strips its signature), so this checks whom it was issued to, not its signature.
 */
final class InvokerCheck {
  private static final String BEARER = "Bearer ";

  private InvokerCheck() {}

  /**
   * @param account the invoker service account, or empty when no check is configured (locally)
   * @param audience this function's URL, as the token's issuer was told it (read only when an
   *     account is configured)
   */
  static void require(HttpRequest request, Optional<String> account, Supplier<URI> audience)
      throws HttpError {
    if (account.isEmpty()) {
      return;
    }
    String authorization = request.getFirstHeader("Authorization").orElse("").trim();
    // The scheme is case-insensitive (RFC 9110 11.1): "bearer" is as good as "Bearer".
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new HttpError(401, "unauthenticated", "a Bearer OIDC token is required");
    }
    String[] parts = authorization.substring(BEARER.length()).trim().split("\\.");
    JsonNode claims;
    try {
      claims =
          Json.mapper()
              .readTree(
                  new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new HttpError(401, "unauthenticated", "the OIDC token cannot be read");
    }
    String email = claims.path("email").asText("");
    String tokenAudience = claims.path("aud").asText("");
    if (!email.equals(account.get()) || !tokenAudience.equals(audience.get().toString())) {
      throw new HttpError(403, "forbidden", "the token was not issued to the task invoker");
    }
  }
}
