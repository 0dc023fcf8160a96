package com.taskchain.orchestrator.tool.company;

import com.taskchain.orchestrator.config.EnvReader;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the company's systems answer, with the seed's variable names. Each URL is the endpoint
 * itself (the mock functions take their parameters on it: {@code <url>?service=...}); an unset one
 * leaves its tool registered but answering "not configured".
 *
 * @param jira {@code COMPANY_JIRA_BASE_URL}: the Jira search
 * @param metrics {@code COMPANY_METRICS_BASE_URL}: the metrics query
 * @param logs {@code COMPANY_LOGS_BASE_URL}: the log search
 */
public record CompanySystemsConfig(Optional<URI> jira, Optional<URI> metrics, Optional<URI> logs) {
  public static final String JIRA_URL = "COMPANY_JIRA_BASE_URL";
  public static final String METRICS_URL = "COMPANY_METRICS_BASE_URL";
  public static final String LOGS_URL = "COMPANY_LOGS_BASE_URL";

  public CompanySystemsConfig {
    java.util.Objects.requireNonNull(jira, "jira");
    java.util.Objects.requireNonNull(metrics, "metrics");
    java.util.Objects.requireNonNull(logs, "logs");
  }

  /**
   * Reads the three URLs.
   *
   * @throws com.taskchain.orchestrator.config.ConfigException naming a variable that is set but is
   *     not an absolute http(s) URL
   */
  public static CompanySystemsConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    return new CompanySystemsConfig(
        reader.url(JIRA_URL), reader.url(METRICS_URL), reader.url(LOGS_URL));
  }

  /** None configured. */
  public static CompanySystemsConfig none() {
    return new CompanySystemsConfig(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
