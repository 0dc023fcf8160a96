package com.taskchain.orchestrator.tool.company;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.taskchain.orchestrator.retrieval.CompanyDocument;
import com.taskchain.orchestrator.retrieval.Excerpt;
import com.taskchain.orchestrator.tool.Tool;
import com.taskchain.orchestrator.tool.ToolException;
import com.taskchain.orchestrator.tool.company.internal.Args;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code fetch_company_reference}: an excerpt of one of the company's documents (policies,
 * governance, company profile, program record, tool configurations, runbooks), around the lines
 * matching an optional query. The document is chosen from a fixed set by id and read from the jar's
 * resources, so no caller-supplied path reaches a file system. Deterministic and thread-safe; a
 * document is read once per process.
 */
public final class FetchCompanyReference
    implements Tool<FetchCompanyReference.Input, FetchCompanyReference.Output> {
  public static final String NAME = "fetch_company_reference";

  public static final int DEFAULT_MAX_CHARS = 2_000;
  public static final int MIN_MAX_CHARS = 200;
  public static final int MAX_MAX_CHARS = 20_000;
  public static final int MAX_QUERY_CHARS = 500;

  /** Prefix of {@link Output#path()}: the documents' folder in the repository. */
  public static final String PATH_PREFIX = "company_sim/";

  /**
   * The arguments.
   *
   * @param source which document
   * @param query words to look for; the excerpt is the document's beginning when absent
   * @param maxChars the longest excerpt, {@value #MIN_MAX_CHARS} to {@value #MAX_MAX_CHARS}
   *     (default {@value #DEFAULT_MAX_CHARS})
   */
  @JsonClassDescription("Arguments of fetch_company_reference.")
  public record Input(
      @JsonProperty(required = true)
          @JsonPropertyDescription(
              "Which document: policy_v2 is the operations policy in force (policy_v1 applied"
                  + " before 2026-02-01); governance_notes; company_profile;"
                  + " atlas_checkout_program; jira_config, slack_config, oncall_rota, cicd_config,"
                  + " db_audit_config; runbook_<service>.")
          CompanyDocument source,
      @JsonPropertyDescription("Optional: words to look for; the excerpt shows the matching lines.")
          String query,
      @JsonProperty("max_chars")
          @JsonPropertyDescription("Optional: the longest excerpt, 200 to 20000 (default 2000).")
          Integer maxChars) {
    public Input {
      Objects.requireNonNull(source, "source");
      query = Args.optional("query", query, MAX_QUERY_CHARS);
      maxChars =
          Args.intInRange("max_chars", maxChars, MIN_MAX_CHARS, MAX_MAX_CHARS, DEFAULT_MAX_CHARS);
    }

    public Input(CompanyDocument source, String query) {
      this(source, query, null);
    }
  }

  /**
   * The result.
   *
   * @param source the document, as asked
   * @param path where the document is in the repository, e.g. {@code
   *     company_sim/policies/operations_policy_v2.md}
   * @param matched whether lines matching the query were found (false without a query)
   * @param excerpt the matching lines with their context, or the beginning of the document
   */
  public record Output(
      @JsonProperty(required = true) CompanyDocument source,
      @JsonProperty(required = true) String path,
      @JsonProperty(required = true) boolean matched,
      @JsonProperty(required = true) String excerpt) {
    public Output {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(excerpt, "excerpt");
    }
  }

  private final Map<CompanyDocument, String> texts = new EnumMap<>(CompanyDocument.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Reads one of the company's documents (operations policy v1/v2, governance notes, company"
        + " profile, Atlas Checkout program, tool configurations, runbooks) and returns the lines"
        + " matching the query with their context, within max_chars.";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output call(Input input) throws ToolException {
    String text;
    try {
      text = text(input.source());
    } catch (UncheckedIOException e) {
      throw new ToolException.Permanent(e.getMessage(), e);
    }
    Excerpt excerpt = Excerpt.of(text, input.query(), input.maxChars());
    return new Output(
        input.source(), PATH_PREFIX + input.source().path(), excerpt.matched(), excerpt.text());
  }

  private String text(CompanyDocument document) {
    synchronized (texts) {
      return texts.computeIfAbsent(document, CompanyDocument::read);
    }
  }
}
