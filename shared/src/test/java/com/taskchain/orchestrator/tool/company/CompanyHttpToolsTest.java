package com.taskchain.orchestrator.tool.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.taskchain.orchestrator.tool.ToolException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the HTTP tools map a system's answers onto the executor's error types, against a stub system
 * on loopback. (The tools against the real mock systems: {@code CompanyToolsIT} in
 * functions/local.)
 */
class CompanyHttpToolsTest {
  private HttpServer server;
  private final List<String> queries = new ArrayList<>();

  private URI serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          queries.add(exchange.getRequestURI().getRawQuery());
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/company/jira");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static JiraSearchTickets jira(URI url) {
    return new JiraSearchTickets(
        new CompanySystemsConfig(Optional.ofNullable(url), Optional.empty(), Optional.empty()));
  }

  private static JiraSearchTickets.Input input() {
    return new JiraSearchTickets.Input("INC", null, Severity.P2, "atlas-checkout", "pool", 5);
  }

  @Test
  void anAnswer_becomesTheOutput_andTheArgumentsBecomeQueryParameters() throws Exception {
    URI url =
        serve(
            200,
            """
            {"tickets": [{"key": "INC-1", "project": "INC", "summary": "s", "description": "d",
              "status": "Resolved", "severity": "P2", "priority": "High", "service": "atlas-checkout",
              "created": "2026-02-18T14:05:00Z", "updated": "2026-02-18T15:00:00Z",
              "assignee": null, "labels": ["db"], "new_field": 1}], "total": 7}
            """);

    JiraSearchTickets.Output output = jira(url).call(input());

    assertThat(output.total()).isEqualTo(7);
    assertThat(output.tickets()).hasSize(1);
    assertThat(output.tickets().get(0).key()).isEqualTo("INC-1");
    assertThat(output.tickets().get(0).assignee()).isNull();
    assertThat(output.tickets().get(0).labels()).containsExactly("db");
    assertThat(queries)
        .containsExactly("project=INC&severity=P2&service=atlas-checkout&text=pool&limit=5");
  }

  @Test
  void aSystemThatIsDown_isARetriableError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> jira(URI.create("http://127.0.0.1:" + port + "/jira")).call(input()))
        .isInstanceOf(ToolException.Retriable.class)
        .hasMessageContaining("jira is unreachable");
  }

  @Test
  void a5xx_isARetriableError() throws Exception {
    URI url = serve(503, "{\"error\": \"unavailable\", \"message\": \"try later\"}");

    assertThatThrownBy(() -> jira(url).call(input()))
        .isInstanceOf(ToolException.Retriable.class)
        .hasMessage("jira answered 503: try later");
  }

  @Test
  void a4xx_isAPermanentError_quotingTheSystem() throws Exception {
    URI url =
        serve(
            400,
            "{\"error\": \"invalid_parameter\", \"message\": \"unknown project 'XYZ'\","
                + " \"field\": \"project\"}");

    assertThatThrownBy(() -> jira(url).call(input()))
        .isInstanceOf(ToolException.Permanent.class)
        .hasMessage("jira refused the request (400): unknown project 'XYZ' (parameter project)");
  }

  @Test
  void anAnswerThatIsNotJson_isAPermanentError() throws Exception {
    URI url = serve(200, "<html>proxy error</html>");

    assertThatThrownBy(() -> jira(url).call(input()))
        .isInstanceOf(ToolException.Permanent.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void anUnsetUrl_isAPermanentErrorNamingTheVariable() {
    CompanySystemsConfig none = CompanySystemsConfig.none();

    assertThatThrownBy(() -> jira(null).call(input()))
        .isInstanceOf(ToolException.Permanent.class)
        .hasMessage("jira is not configured: set COMPANY_JIRA_BASE_URL to its URL");
    assertThatThrownBy(
            () ->
                new MetricsQuery(none)
                    .call(
                        new MetricsQuery.Input(
                            "atlas-checkout",
                            "2026-02-18T14:00:00Z",
                            "2026-02-18T15:00:00Z",
                            null)))
        .hasMessageContaining("COMPANY_METRICS_BASE_URL");
    assertThatThrownBy(
            () ->
                new LogsSearch(none)
                    .call(
                        new LogsSearch.Input(
                            "atlas-checkout",
                            "2026-02-18T14:00:00Z",
                            "2026-02-18T15:00:00Z",
                            null,
                            null,
                            null)))
        .hasMessageContaining("COMPANY_LOGS_BASE_URL");
  }

  @Test
  void config_readsTheThreeUrls_andRefusesAMalformedOne() {
    CompanySystemsConfig config =
        CompanySystemsConfig.fromEnv(
            java.util.Map.of(CompanySystemsConfig.JIRA_URL, "http://127.0.0.1:9/company/jira"));

    assertThat(config.jira()).contains(URI.create("http://127.0.0.1:9/company/jira"));
    assertThat(config.metrics()).isEmpty();
    assertThatThrownBy(
            () ->
                CompanySystemsConfig.fromEnv(
                    java.util.Map.of(CompanySystemsConfig.LOGS_URL, "logs.internal")))
        .hasMessageContaining(CompanySystemsConfig.LOGS_URL);
  }

  @Test
  void metricsAutoStep_keepsTheSeriesSmall() {
    assertThat(MetricsQuery.autoStep(java.time.Duration.ofHours(2)))
        .isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(MetricsQuery.autoStep(java.time.Duration.ofHours(3)))
        .isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(MetricsQuery.autoStep(java.time.Duration.ofDays(90)))
        .isEqualTo(java.time.Duration.ofDays(1));
  }
}
