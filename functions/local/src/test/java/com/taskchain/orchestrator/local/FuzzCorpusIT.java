package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskchain.orchestrator.json.Json;
import com.taskchain.orchestrator.local.fuzz.FuzzCase;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz corpus ({@code fuzz/corpus.jsonl}, over 2,000 hostile requests) against the local
 * runner, each over its own connection: no answer is a 5xx (Jetty's 505 for an unknown HTTP version
 * excepted), every case marked {@code must_refuse} is a 4xx, nothing is logged at ERROR, and the
 * requests refused wrote nothing: the tasks and runs added are exactly those of the 2xx answers.
 * Prints the answers by status.
 */
@ExtendWith(PgExtension.class)
class FuzzCorpusIT {
  private final TestDatabase database;

  FuzzCorpusIT(TestDatabase database) {
    this.database = database;
  }

  static List<FuzzCase> corpus() throws IOException {
    try (InputStream in = FuzzCorpusIT.class.getResourceAsStream("/fuzz/corpus.jsonl")) {
      assertThat(in).as("fuzz/corpus.jsonl on the test classpath").isNotNull();
      List<FuzzCase> cases = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          cases.add(Json.mapper().readValue(line, FuzzCase.class));
        }
      }
      return cases;
    }
  }

  private long rows(String table) throws Exception {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void corpus_neverAnswers5xx_andRefusedRequestsWriteNothing() throws Exception {
    List<FuzzCase> cases = corpus();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(2_000);
    try (LocalRunner runner = TestRunners.start(database)) {
      String taskId = new Api(runner.baseUrl()).createSeedTask();
      long tasksBefore = rows("tasks");
      long runsBefore = rows("runs");
      Map<Integer, Integer> byStatus = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      int created = 0;
      int started = 0;
      long errorLines;
      long startNanos = System.nanoTime();
      try (CapturedOutput log = new CapturedOutput()) {
        for (FuzzCase c : cases) {
          int status;
          try {
            status = RawHttp.exchange(runner.baseUrl(), c.request(taskId)).status();
          } catch (IOException e) {
            // The server closed without a complete answer: not a 5xx, but counted apart.
            status = 0;
          }
          byStatus.merge(status, 1, Integer::sum);
          boolean serverError = status >= 500 && status != 505;
          boolean notRefused = c.mustRefuse() && (status < 400 || status >= 500);
          if (serverError || notRefused || (c.mustRefuse() && status == 0)) {
            failures.add("#" + c.id() + " " + c.kind() + " → " + status);
          }
          if (status == 201) {
            created++;
          }
          if ((status == 200 || status == 202)
              && new String(c.request(taskId), StandardCharsets.ISO_8859_1)
                  .matches("(?s)POST /tasks/[^ ]+/run.*")) {
            started++;
          }
        }
        errorLines = log.lines().stream().filter(l -> l.contains("\"severity\":\"ERROR\"")).count();
      }
      long millis = (System.nanoTime() - startNanos) / 1_000_000;
      System.out.println(
          "fuzz corpus: "
              + cases.size()
              + " cases in "
              + millis
              + " ms, answers by status "
              + byStatus);

      assertThat(failures).as("cases answered 5xx, or not refused").isEmpty();
      assertThat(errorLines).as("log lines at ERROR").isZero();
      assertThat(rows("tasks") - tasksBefore).as("tasks written").isEqualTo(created);
      assertThat(rows("runs") - runsBefore).as("runs written").isEqualTo(started);
    }
  }
}
