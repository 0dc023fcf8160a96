package com.taskchain.orchestrator.local.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskchain.orchestrator.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Unsigned stand-ins for the OIDC tokens Cloud Tasks mints. Cloud Run (and so Cloud Functions gen2)
 * verifies the token and replaces its signature with {@code SIGNATURE_REMOVED_BY_GOOGLE} before the
 * function sees it, so a handler can only read the claims; these tokens have that same shape.
 */
public final class OidcTokens {
  static final String REMOVED_SIGNATURE = "SIGNATURE_REMOVED_BY_GOOGLE";
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private OidcTokens() {}

  /** A bearer token whose payload carries {@code iss, aud, azp, sub, email, iat, exp}. */
  public static String mint(String serviceAccountEmail, String audience, Instant now) {
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("alg", "RS256");
    header.put("kid", "cloud-tasks-emulator");
    header.put("typ", "JWT");
    ObjectNode claims = JsonNodeFactory.instance.objectNode();
    claims.put("iss", "https://accounts.google.com");
    claims.put("aud", audience);
    claims.put("azp", serviceAccountEmail);
    claims.put("sub", serviceAccountEmail);
    claims.put("email", serviceAccountEmail);
    claims.put("email_verified", true);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    return encode(Json.write(header)) + "." + encode(Json.write(claims)) + "." + REMOVED_SIGNATURE;
  }

  private static String encode(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
