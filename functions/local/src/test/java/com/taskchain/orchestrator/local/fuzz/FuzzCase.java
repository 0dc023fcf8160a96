package com.taskchain.orchestrator.local.fuzz;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Base64;

/**
 * One request of the fuzz corpus: the exact bytes to send (base64), with {@code {task}} in the
 * request line standing for the id of an existing task, and what must come back.
 *
 * @param id the case's number in the corpus
 * @param kind the family it was generated from, for reports
 * @param raw base64 of the whole request (request line, headers, body)
 * @param mustRefuse true when the answer must be a 4xx (nothing may be written); otherwise any
 *     answer but a 5xx (Jetty's 505 for an unknown HTTP version excepted)
 */
public record FuzzCase(
    int id, String kind, String raw, @JsonProperty("must_refuse") boolean mustRefuse) {

  /** The request bytes, with {@code {task}} replaced by an existing task's id. */
  public byte[] request(String taskId) {
    byte[] bytes = Base64.getDecoder().decode(raw);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int head = text.indexOf("\r\n");
    if (head < 0 || !text.substring(0, head).contains("{task}")) {
      return bytes;
    }
    return (text.substring(0, head).replace("{task}", taskId) + text.substring(head))
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
