package com.taskchain.orchestrator.local;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link ColdStartBenchmark}: starts the local runner on an existing,
 * migrated database and prints the milliseconds from JVM start to the first answer of list tools,
 * create, get and list tasks. Whether the SDK is loaded is proven by {@link SdkNotLoadedIT}.
 *
 * <p>Arguments: the database URL, the planner mode, the executor mode.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("ORCHESTRATOR_DATABASE_URL", args[0]);
    env.put("ORCHESTRATOR_LOCAL_SWEEP_S", "3600");
    env.put("ORCHESTRATOR_PLANNER_MODE", args[1]);
    env.put("ORCHESTRATOR_EXECUTOR_MODE", args[2]);
    env.put("OPENAI_API_KEY", "sk-test-not-used");
    try (LocalRunner runner = LocalRunner.start(env, RepoRoot.find())) {
      long ready = System.currentTimeMillis() - jvmStart;
      Api api = new Api(runner.baseUrl());
      check(api.get("/tools").status(), 200);
      long tools = System.currentTimeMillis() - jvmStart;
      String id = api.createSeedTask();
      long create = System.currentTimeMillis() - jvmStart;
      check(api.get("/tasks/" + id).status(), 200);
      long get = System.currentTimeMillis() - jvmStart;
      check(api.get("/tasks?limit=5").status(), 200);
      long list = System.currentTimeMillis() - jvmStart;
      System.out.println(
          "COLD-START ready="
              + ready
              + " tools="
              + tools
              + " create="
              + create
              + " get="
              + get
              + " list="
              + list);
    }
    System.exit(0);
  }

  private static void check(int actual, int expected) {
    if (actual != expected) {
      throw new AssertionError("expected HTTP " + expected + ", got " + actual);
    }
  }
}
