# Taskchain Orchestrator — see README.md. Every target runs from a fresh clone with only JDK 17+ and Maven.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
LOCAL_CP := functions/local/target/classpath.txt
LOCAL_CLASSES := functions/local/target/classes
JAVA ?= java

.PHONY: help run test fmt lint package migrate bench clean local-classpath

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

# Two `make run` (or `make bench`) at once in one checkout build one after the other, not into each other's
# target/ (flock, where it exists). The build's own output goes to target/local-build.log and is shown only when
# the build fails, so that `make run` prints nothing but the runner's JSON log lines.
BUILD_LOCK := $(shell command -v flock >/dev/null 2>&1 && echo "flock target/.local-build.lock")

local-classpath:
	@mkdir -p target
	@$(BUILD_LOCK) $(MVN) -q -DskipTests -Dspotless.check.skip=true -pl functions/local -am package \
	  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime \
	  > target/local-build.log 2>&1 || { cat target/local-build.log >&2; exit 1; }

run: local-classpath ## Build and start everything locally on 127.0.0.1:8000 (PORT overrides)
	@exec $(JAVA) -cp "$(LOCAL_CLASSES):$$(cat $(LOCAL_CP))" com.taskchain.orchestrator.local.LocalRunner

test: infra-check ## terraform fmt check, format check, Error Prone, unit and integration tests on real PostgreSQL
	$(MVN) verify

fmt: ## Format the Java sources (google-java-format)
	$(MVN) -q spotless:apply

lint: ## Check formatting and compile with Error Prone, without tests
	$(MVN) -q -DskipTests verify

package: ## Build the deployable jar and its zip (functions/cloud/target/*-deploy.{jar,zip})
	$(MVN) -q -DskipTests -Dspotless.check.skip=true package
	@cd functions/cloud/target && rm -f taskchain-functions-deploy.zip && \
	  jar --create --no-manifest --file taskchain-functions-deploy.zip taskchain-functions-*-deploy.jar
	@ls -l functions/cloud/target/*-deploy.jar functions/cloud/target/*-deploy.zip

migrate: local-classpath ## Apply migrations/ to ORCHESTRATOR_DATABASE_URL (or Cloud SQL: see README)
	@$(JAVA) -cp "$(LOCAL_CLASSES):$$(cat $(LOCAL_CP))" com.taskchain.orchestrator.local.MigrateMain

bench: local-classpath ## Time run→succeeded for 1 task and for 100 tasks at once, on the local runner
	@$(JAVA) -cp "$(LOCAL_CLASSES):$$(cat $(LOCAL_CP))" com.taskchain.orchestrator.local.PipelineBench

clean: ## Remove build output (keeps nothing of target/, including local data)
	$(MVN) -q clean

.PHONY: bench-parallel
bench-parallel: ## Six-step plan of 200 ms tools at parallelism 1 and the default: wall times and ratio (goal <= 0.35)
	$(MVN) -q -pl shared test-compile exec:java -Dexec.classpathScope=test \
	  -Dexec.mainClass=com.taskchain.orchestrator.execute.ParallelBench

# Retrieval evaluation (issue 3): quality on data/eval/queries.jsonl, warm latency and the cold index open, in a fresh JVM.
.PHONY: eval-retrieval
eval-retrieval: ## Retrieval eval: recall@3, recall@5, MRR, warm p50/p95 and the cold open of the index
	@$(MVN) -q -Dspotless.check.skip=true -pl shared test-compile dependency:build-classpath \
	  -Dmdep.outputFile=target/test-classpath.txt -DincludeScope=test
	@$(JAVA) -cp "shared/target/test-classes:shared/target/classes:$$(cat shared/target/test-classpath.txt)" \
	  com.taskchain.orchestrator.retrieval.RetrievalEval data/eval/queries.jsonl data/eval/document_queries.jsonl

# Cloud targets: deploy, destroy, infra-check, migrate-cloud (after the local ones, so `make` alone stays `help`).
include infra/make.mk

# Soak (issue 11): the local runner under normal runs, the fuzz corpus, duplicate and late stage deliveries, a
# kill -9 with restart and a freeze of PostgreSQL; then invariants checked from the database. A few minutes;
# SOAK_RUNS (runs per phase, default 60) and SOAK_ROUNDS (default 1) make it longer, SOAK_FREEZE_S the freeze.
.PHONY: soak
soak: ## Soak the local runner (crash, database freeze, fuzz, duplicates) and check the invariants from the database
	@mkdir -p target
	@$(BUILD_LOCK) $(MVN) -q -DskipTests -Dspotless.check.skip=true -pl functions/local -am package \
	  dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -DincludeScope=test \
	  > target/soak-build.log 2>&1 || { cat target/soak-build.log >&2; exit 1; }
	@$(JAVA) -cp "functions/local/target/test-classes:$(LOCAL_CLASSES):$$(cat functions/local/target/test-classpath.txt)" \
	  com.taskchain.orchestrator.local.SoakHarness

# Answer evaluation (issue 10): every scenario through the local chain, scored per type and overall.
.PHONY: eval-scenarios
eval-scenarios: ## Scenario eval: runs every scenario through the local chain and scores its answer (overall line last)
	@mkdir -p target
	@$(BUILD_LOCK) $(MVN) -q -Dspotless.check.skip=true -DskipTests -pl functions/local -am package \
	  dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -DincludeScope=test \
	  > target/eval-build.log 2>&1 || { cat target/eval-build.log >&2; exit 1; }
	@$(JAVA) -cp "functions/local/target/test-classes:functions/local/target/classes:$$(cat functions/local/target/test-classpath.txt)" \
	  com.taskchain.orchestrator.local.ScenarioEval $(SCENARIOS) 2>/dev/null | grep -v '^{"severity"' 
