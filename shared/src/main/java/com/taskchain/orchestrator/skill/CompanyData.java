package com.taskchain.orchestrator.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The company's machine-readable files — {@code tool_configs/*.yaml} and the rule files beside the
 * policies — read once from the classpath (they ship in the jar under {@code company_reference/})
 * and kept as JSON trees. Thread-safe; the trees must not be modified.
 */
public final class CompanyData {
  /** Where the company's files are on the classpath. */
  public static final String RESOURCE_ROOT = "company_reference/";

  public static final String ONCALL = "tool_configs/oncall.yaml";
  public static final String CICD = "tool_configs/cicd.yaml";
  public static final String DB_AUDIT = "tool_configs/db_audit.yaml";
  public static final String SLACK = "tool_configs/slack.yaml";
  public static final String JIRA = "tool_configs/jira.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

  private CompanyData() {}

  /**
   * The YAML file at {@code path} (relative to the company folder, e.g. {@link #ONCALL}).
   *
   * @throws UncheckedIOException when the file is missing or not YAML: a packaging error
   */
  public static JsonNode yaml(String path) {
    return CACHE.computeIfAbsent(path, CompanyData::load);
  }

  private static JsonNode load(String path) {
    try (InputStream in =
        CompanyData.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + path)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("company file " + path + " is not on the classpath"));
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read company file " + path, e);
    }
  }
}
