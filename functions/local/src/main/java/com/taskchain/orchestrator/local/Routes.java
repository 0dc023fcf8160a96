package com.taskchain.orchestrator.local;

import com.google.cloud.functions.HttpFunction;
import com.taskchain.company.JiraFunction;
import com.taskchain.company.LogsFunction;
import com.taskchain.company.MetricsFunction;
import com.taskchain.orchestrator.functions.CreateTaskFunction;
import com.taskchain.orchestrator.functions.ExecuteStageFunction;
import com.taskchain.orchestrator.functions.GetRunFunction;
import com.taskchain.orchestrator.functions.GetTaskFunction;
import com.taskchain.orchestrator.functions.HealthFunction;
import com.taskchain.orchestrator.functions.HomeFunction;
import com.taskchain.orchestrator.functions.ListTasksFunction;
import com.taskchain.orchestrator.functions.ListToolsFunction;
import com.taskchain.orchestrator.functions.PlanStageFunction;
import com.taskchain.orchestrator.functions.RunTaskFunction;
import com.taskchain.orchestrator.functions.SweepFunction;
import com.taskchain.orchestrator.functions.VerifyStageFunction;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local runner's routing table: the seed's paths, the console, the internal stage paths and the
 * mock company systems, each to its function class. The {@link Route#publicApi() public} paths and
 * methods are what the cloud's API gateway exposes. A route serves every method (its function
 * answers 405 to the ones it does not take), except where two functions share a path: {@code
 * /tasks} is {@code POST} to create and {@code GET} to list.
 */
public final class Routes {
  private Routes() {}

  /**
   * A path pattern, the methods it serves (empty: all), and the function that serves it.
   *
   * @param methods upper-case method names; {@code HEAD} is served where {@code GET} is
   */
  public record Route(
      String template,
      Pattern pattern,
      Set<String> methods,
      Class<? extends HttpFunction> function) {
    public Route {
      methods = Set.copyOf(methods);
    }

    /**
     * Whether the route belongs to the public API (what the cloud's gateway exposes): not an
     * internal stage path and not a mock company system.
     */
    public boolean publicApi() {
      return !template.startsWith(INTERNAL_PREFIX) && !template.startsWith(COMPANY_PREFIX);
    }

    /** Whether this route serves the method (case-sensitive: {@code get} is not {@code GET}). */
    public boolean accepts(String method) {
      return methods.isEmpty()
          || methods.contains(method)
          || (method.equals("HEAD") && methods.contains("GET"));
    }
  }

  private static final String ID = "[^/]+";

  /** Prefix of the stage and sweep paths, which only Cloud Tasks and the scheduler call. */
  public static final String INTERNAL_PREFIX = "/internal/";

  /**
   * Prefix of the mock company systems, served locally so that the company tools have something to
   * call (the local runner points {@code COMPANY_*_BASE_URL} here). Not part of the API.
   */
  public static final String COMPANY_PREFIX = "/company/";

  public static final String COMPANY_JIRA_PATH = "/company/jira";
  public static final String COMPANY_METRICS_PATH = "/company/metrics";
  public static final String COMPANY_LOGS_PATH = "/company/logs";

  public static final String PLAN_STAGE_PATH = "/internal/stages/plan";
  public static final String EXECUTE_STAGE_PATH = "/internal/stages/execute";
  public static final String VERIFY_STAGE_PATH = "/internal/stages/verify";
  public static final String SWEEP_PATH = "/internal/sweep";

  public static final List<Route> ALL =
      List.of(
          route("/", "/", HomeFunction.class),
          route("/health", "/health", HealthFunction.class),
          route("/healthz", "/healthz", HealthFunction.class),
          route("/live", "/live", HealthFunction.class),
          route("/tools", "/tools", ListToolsFunction.class),
          route("/console/{asset}", "/console/[^/]+", HomeFunction.class),
          route("/tasks", "/tasks", Set.of("POST"), CreateTaskFunction.class),
          route("/tasks", "/tasks", Set.of("GET"), ListTasksFunction.class),
          route("/tasks/{task_id}", "/tasks/" + ID, GetTaskFunction.class),
          route("/tasks/{task_id}/run", "/tasks/" + ID + "/run", RunTaskFunction.class),
          route(
              "/tasks/{task_id}/runs/{run_id}",
              "/tasks/" + ID + "/runs/" + ID,
              GetRunFunction.class),
          route(PLAN_STAGE_PATH, PLAN_STAGE_PATH, PlanStageFunction.class),
          route(EXECUTE_STAGE_PATH, EXECUTE_STAGE_PATH, ExecuteStageFunction.class),
          route(VERIFY_STAGE_PATH, VERIFY_STAGE_PATH, VerifyStageFunction.class),
          route(SWEEP_PATH, SWEEP_PATH, SweepFunction.class),
          route(COMPANY_JIRA_PATH, COMPANY_JIRA_PATH, JiraFunction.class),
          route(COMPANY_METRICS_PATH, COMPANY_METRICS_PATH, MetricsFunction.class),
          route(COMPANY_LOGS_PATH, COMPANY_LOGS_PATH, LogsFunction.class));

  private static Route route(
      String template, String regex, Class<? extends HttpFunction> function) {
    return route(template, regex, Set.of(), function);
  }

  private static Route route(
      String template, String regex, Set<String> methods, Class<? extends HttpFunction> function) {
    return new Route(template, Pattern.compile(regex + "/?"), methods, function);
  }

  /** The outcome of {@link #match}. */
  public sealed interface Match {
    /** This route serves the request. */
    record Found(Route route) implements Match {}

    /** Routes serve the path, but not with this method; {@code allowed} is what they take. */
    record MethodNotAllowed(SortedSet<String> allowed) implements Match {}

    /** No route serves the path. */
    record NotFound() implements Match {}
  }

  /** The route for a request. */
  public static Match match(String method, String path) {
    List<Route> atPath = ALL.stream().filter(r -> r.pattern().matcher(path).matches()).toList();
    if (atPath.isEmpty()) {
      return new Match.NotFound();
    }
    return atPath.stream()
        .filter(r -> r.accepts(method))
        .findFirst()
        .<Match>map(Match.Found::new)
        .orElseGet(
            () ->
                new Match.MethodNotAllowed(
                    atPath.stream()
                        .flatMap(r -> r.methods().stream())
                        .collect(Collectors.toCollection(TreeSet::new))));
  }
}
