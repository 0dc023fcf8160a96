package com.taskchain.orchestrator.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.llm.FakeModel;
import com.taskchain.orchestrator.llm.LlmClient;
import com.taskchain.orchestrator.llm.LlmClients;
import com.taskchain.orchestrator.llm.LlmConfig;
import com.taskchain.orchestrator.llm.LlmRequest;
import com.taskchain.orchestrator.llm.LlmTesting;
import com.taskchain.orchestrator.llm.MockOpenAi;
import com.taskchain.orchestrator.llm.StructuredOutput;
import com.taskchain.orchestrator.llm.planner.LlmPlanReply;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Run in a child JVM with {@code -verbose:class} by {@link SdkNotLoadedIT}: drives the functions
 * (create, get, list tasks, list tools, run) that must never load the OpenAI SDK in LLM mode,
 * printing a marker line after each phase, then makes one real LLM call as a positive control. Also
 * prints JVM start to first 200 figures.
 *
 * <p>Arguments: the database URL (with user and password).
 */
public final class SdkProbe {
  private SdkProbe() {}

  public static void main(String[] args) throws Exception {
    String dead = "http://127.0.0.1:9/unreachable";
    try (MockOpenAi mock = new MockOpenAi(new FakeModel())) {
      // Phase 1, LLM planner and executor: create, get, list tools, run. The plan stage's URL
      // leads nowhere, so only the run function's own code runs in this JVM.
      Map<String, String> env = env(args[0], mock, "llm", "llm");
      env.put("ORCHESTRATOR_STAGE_PLAN_URL", dead);
      String id;
      try (LocalRunner runner = LocalRunner.start(env, RepoRoot.find())) {
        Api api = new Api(runner.baseUrl());
        expect(api.get("/tools").status(), 200);
        long firstOk =
            Duration.between(
                    Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                    Instant.now())
                .toMillis();
        System.out.println("PROBE-FIGURE jvm_start_to_first_200_ms " + firstOk);
        id = api.createSeedTask();
        expect(api.get("/tasks/" + id).status(), 200);
        expect(api.get("/tasks?limit=5").status(), 200);
        expect(api.postJson("/tasks/" + id + "/run", "{}").status(), 202);
        System.out.println("PROBE-MARK create-get-list-run");
      }

      // Phase 2, LLM executor only: the deterministic plan stage runs here; execute leads nowhere.
      env = env(args[0], mock, "deterministic", "llm");
      env.put("ORCHESTRATOR_STAGE_EXECUTE_URL", dead);
      try (LocalRunner runner = LocalRunner.start(env, RepoRoot.find())) {
        Api api = new Api(runner.baseUrl());
        String second = api.createSeedTask();
        expect(api.postJson("/tasks/" + second + "/run", "{}").status(), 202);
        Instant until = Instant.now().plusSeconds(30);
        JsonNode task = api.get("/tasks/" + second).json();
        while (task.path("plan_json").isMissingNode() || task.path("plan_json").isNull()) {
          if (Instant.now().isAfter(until)) {
            throw new AssertionError("the plan stage did not run: " + task);
          }
          Thread.sleep(50);
          task = api.get("/tasks/" + second).json();
        }
        System.out.println(
            "PROBE-MARK deterministic-plan-stage " + task.get("plan_json").get("planner").asText());
      }

      // Positive control: an LLM call does load the SDK, and the probe sees it.
      long llmStart = System.nanoTime();
      try (LlmClient client = LlmClients.openAi(LlmConfig.fromEnv(LlmTesting.env(mock)))) {
        client.complete(
            new LlmRequest<>(
                "probe",
                "plan",
                "{}",
                StructuredOutput.of("plan", LlmPlanReply.class),
                Duration.ofSeconds(10)));
      }
      System.out.println(
          "PROBE-FIGURE first_llm_call_ms "
              + Duration.ofNanos(System.nanoTime() - llmStart).toMillis());
      System.out.println("PROBE-MARK llm-call " + Json.write(Map.of("requests", mock.count())));
    }
    System.exit(0);
  }

  private static Map<String, String> env(
      String databaseUrl, MockOpenAi mock, String planner, String executor) {
    Map<String, String> env = new HashMap<>(LlmTesting.env(mock));
    env.put("PORT", "0");
    env.put("ORCHESTRATOR_DATABASE_URL", databaseUrl);
    env.put("ORCHESTRATOR_LOCAL_SWEEP_S", "3600");
    env.put("ORCHESTRATOR_PLANNER_MODE", planner);
    env.put("ORCHESTRATOR_EXECUTOR_MODE", executor);
    return env;
  }

  private static void expect(int actual, int expected) {
    if (actual != expected) {
      throw new AssertionError("expected HTTP " + expected + ", got " + actual);
    }
  }
}
