package com.taskchain.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskchain.orchestrator.local.ConsoleFixtures.FailedTask;
import com.taskchain.orchestrator.local.ConsoleFixtures.RunningTask;
import com.taskchain.orchestrator.testing.PgExtension;
import com.taskchain.orchestrator.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's headless chromium) against the local runner: what a
 * person does and sees. Skipped, with the reason, where chromium or chromedriver is not installed.
 * A failing test leaves a screenshot under {@code target/console-failures/}. With {@code
 * -Dconsole.shots=DIR} it also saves screenshots of the list, a running task and a finished task.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {
  /** Generous: a first run in a cold JVM takes a few seconds on two busy cores. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String TASK_TEXT =
      "Prepare an executive update for the Atlas Checkout migration and include risks."
          + " Jane Doe owns the rollback plan; the deadline is Friday.";

  private final TestDatabase database;
  private LocalRunner runner;
  private Api api;
  private Browser browser;

  @RegisterExtension
  final ScreenshotOnFailure screenshots =
      new ScreenshotOnFailure(() -> browser == null ? null : browser.driver);

  ConsoleBrowserIT(TestDatabase database) {
    this.database = database;
  }

  private final Optional<String> unavailable = Browser.unavailable();

  @BeforeAll
  void start() throws Exception {
    // Each test is skipped with the reason (see browserPresent), which reports better than a class
    // aborted here; nothing is started for them.
    if (unavailable.isPresent()) {
      return;
    }
    runner = TestRunners.start(database);
    api = new Api(runner.baseUrl());
    browser = Browser.start();
  }

  @AfterAll
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (runner != null) {
        runner.close();
      }
    }
  }

  @BeforeEach
  void browserPresent_atDesktopWidth() {
    assumeTrue(unavailable.isEmpty(), unavailable::orElseThrow);
    driver().manage().window().setSize(new Dimension(1280, 1000));
  }

  private WebDriver driver() {
    return browser.driver;
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver(), WAIT);
  }

  private void open(String fragment) {
    driver().get(runner.baseUrl() + "/" + fragment);
  }

  private WebElement byId(String id) {
    return waiting().until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  private Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver()).executeScript(js, args);
  }

  /** Marks the loaded document, so a test can tell that the page never reloaded. */
  private void markDocument() {
    script("window.__consoleTestMark = 'same-document';");
  }

  private boolean sameDocument() {
    return "same-document".equals(script("return window.__consoleTestMark || null;"));
  }

  private void waitForStatus(String status) {
    waiting().until(ExpectedConditions.textToBe(By.id("detail-status"), status));
  }

  private String stageState(String stage) {
    return driver()
        .findElement(By.cssSelector("#stages li[data-stage='" + stage + "']"))
        .getAttribute("data-state");
  }

  private long taskRows() throws Exception {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM tasks")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void shot(String name) throws IOException {
    String folder = System.getProperty("console.shots", "");
    if (folder.isBlank()) {
      return;
    }
    Path dir = Path.of(folder);
    Files.createDirectories(dir);
    // A full-page picture: the window grows to the document's height for the shot.
    Dimension size = driver().manage().window().getSize();
    long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight);");
    driver()
        .manage()
        .window()
        .setSize(new Dimension(size.getWidth(), (int) Math.min(height + 140, 4000)));
    Files.write(dir.resolve(name + ".png"), browser.driver.getScreenshotAs(OutputType.BYTES));
    driver().manage().window().setSize(size);
  }

  @Test
  void createAndRun_watchesEveryStageLightUp_thenShowsPlanGraphToolTableAndVerdict()
      throws Exception {
    open("");
    byId("task-text").sendKeys(TASK_TEXT);
    byId("task-context").sendKeys("{\"project\": \"Atlas Checkout\", \"priority\": \"high\"}");
    markDocument();
    byId("create-run").click();

    waiting().until(ExpectedConditions.urlMatches("#/tasks/[0-9a-f-]{36}$"));
    String id = driver().getCurrentUrl().replaceAll(".*#/tasks/", "");
    waitForStatus("succeeded");

    assertThat(sameDocument()).as("the page updated without reloading").isTrue();
    for (String stage : List.of("queued", "plan", "execute", "verify", "done")) {
      assertThat(stageState(stage)).as(stage).isEqualTo("done");
      assertThat(
              driver()
                  .findElement(By.cssSelector("#stages li[data-stage='" + stage + "'] .stage-time"))
                  .getText())
          .as("timing of %s", stage)
          .isNotBlank();
    }

    JsonNode task = api.get("/tasks/" + id).json();
    int steps = task.get("plan_json").get("steps").size();
    assertThat(steps).isPositive();
    WebElement graph = byId("plan-graph").findElement(By.cssSelector("svg.plan-graph"));
    assertThat(graph.findElements(By.cssSelector("g.node"))).hasSize(steps);
    for (JsonNode step : task.get("plan_json").get("steps")) {
      WebElement node =
          graph.findElement(By.cssSelector("g.node[data-step='" + step.get("id").asText() + "']"));
      // A long tool name (search_incident_knowledge) is clipped on the node; its title has it all.
      assertThat(node.findElement(By.tagName("title")).getAttribute("textContent"))
          .contains(step.get("tool").asText());
    }

    List<WebElement> rows = driver().findElements(By.cssSelector("#tool-results tbody tr"));
    assertThat(rows).hasSize(task.get("result_json").get("tool_results").size());
    for (JsonNode result : task.get("result_json").get("tool_results")) {
      WebElement row =
          driver()
              .findElement(
                  By.cssSelector(
                      "#tool-results tr[data-step='" + result.get("step_id").asText() + "']"));
      assertThat(row.getText())
          .contains(result.get("tool").asText(), result.get("status").asText());
    }

    WebElement verdict = byId("verdict-result");
    assertThat(verdict.getAttribute("data-passed")).isEqualTo("true");
    assertThat(verdict.getText()).contains("Passed");
    assertThat(driver().findElements(By.cssSelector("#verdict .checks li")))
        .hasSize(task.get("verification_json").get("checks").size());
    shot("finished-task-detail");
  }

  @Test
  void seedTask_showsTheAnswerFirst_fieldsClaimsAndCitationLinksToTheEvidence() throws Exception {
    open("");
    byId("task-text").sendKeys(TASK_TEXT);
    byId("task-context").sendKeys("{\"project\": \"Atlas Checkout\", \"priority\": \"high\"}");
    byId("create-run").click();
    waiting().until(ExpectedConditions.urlMatches("#/tasks/[0-9a-f-]{36}$"));
    String id = driver().getCurrentUrl().replaceAll(".*#/tasks/", "");
    waitForStatus("succeeded");

    JsonNode answer = api.get("/tasks/" + id).json().get("result_json").get("answer");
    // The answer card comes before the plan, the verdict and the tool results.
    Object order =
        script(
            "const a = document.querySelector('.answer-card'),"
                + " p = document.getElementById('plan-title');"
                + " return !!(a.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING);");
    assertThat(order).isEqualTo(Boolean.TRUE);
    assertThat(byId("answer-type").getText()).isEqualTo("executive update");
    WebElement status = driver().findElement(By.cssSelector("#answer td[data-field='status']"));
    assertThat(status.getText()).isEqualTo(answer.get("status").asText());
    List<WebElement> claims = driver().findElements(By.cssSelector("#answer li.claim"));
    assertThat(claims).hasSize(answer.get("claims").size());
    List<WebElement> links = driver().findElements(By.cssSelector("#answer a.cite-link"));
    assertThat(links).isNotEmpty();
    for (WebElement link : links) {
      String target = link.getAttribute("href").replaceAll(".*#", "");
      assertThat(driver().findElements(By.id(target)))
          .as("evidence for %s", link.getText())
          .hasSize(1);
    }
    String route = driver().getCurrentUrl();
    links.get(0).click();
    String target = links.get(0).getAttribute("href").replaceAll(".*#", "");
    assertThat(driver().findElement(By.id(target)).getAttribute("class"))
        .contains("evidence-item", "targeted");
    assertThat(driver().getCurrentUrl()).as("the task stays open").isEqualTo(route);
    shot("answer-first");
  }

  @Test
  void badJsonContext_showsItsErrorBesideTheField_andSendsNothing() throws Exception {
    open("");
    long before = taskRows();
    byId("task-text").sendKeys("Summarise the incident");
    WebElement context = byId("task-context");
    context.sendKeys("{\"project\": }");
    markDocument();
    byId("create-run").click();

    WebElement error =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("context-error")));
    assertThat(error.getText()).contains("not valid JSON");
    assertThat(context.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(context.getAttribute("aria-describedby")).contains("context-error");

    context.clear();
    context.sendKeys("[1, 2]");
    byId("create-only").click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("context-error"), "JSON object"));

    assertThat(driver().getCurrentUrl()).doesNotContain("#/tasks/");
    assertThat(sameDocument()).isTrue();
    assertThat(taskRows()).as("tasks in the database").isEqualTo(before);
  }

  @Test
  void serverError_isShownBesideTheFieldItNames() throws Exception {
    open("");
    long before = taskRows();
    // Longer than the server accepts; the page leaves that limit to the server.
    script(
        "const t = document.getElementById('task-text'); t.value = 'x'.repeat(20001);"
            + " t.dispatchEvent(new Event('input'));");
    byId("create-only").click();

    WebElement error =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("task-error")));
    String expected =
        api.postJson("/tasks", "{\"task\": \"" + "x".repeat(20001) + "\"}")
            .json()
            .get("message")
            .asText();
    assertThat(error.getText()).isEqualTo(expected);
    assertThat(byId("task-text").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(byId("context-error").isDisplayed()).isFalse();
    assertThat(taskRows()).isEqualTo(before);
  }

  @Test
  void failedTask_showsItsReasons_andAnEarlierRunCanBeViewed() throws Exception {
    FailedTask failed =
        ConsoleFixtures.insertFailedTask(
            database.dataSource(), "Compile the release risk register");
    open("#/tasks/" + failed.taskId());
    waitForStatus("failed");

    WebElement verdict = byId("verdict-result");
    assertThat(verdict.getAttribute("data-passed")).isEqualTo("false");
    List<String> reasons = new ArrayList<>();
    driver().findElements(By.cssSelector("#reasons li")).forEach(li -> reasons.add(li.getText()));
    assertThat(reasons).containsExactlyElementsOf(failed.reasons());
    assertThat(stageState("done")).isEqualTo("failed");
    WebElement failedRow = driver().findElement(By.cssSelector("#tool-results tr[data-step='s2']"));
    assertThat(failedRow.getAttribute("data-status")).isEqualTo("failed");
    assertThat(failedRow.getText()).contains("timed out after 0.3 s");

    WebElement graph = driver().findElement(By.cssSelector("#plan-graph svg.plan-graph"));
    assertThat(graph.findElements(By.cssSelector("path.edge")))
        .hasSize(ConsoleFixtures.edges(ConsoleFixtures.plan()));
    assertThat(graph.findElement(By.cssSelector("g.node[data-step='s2']")).getAttribute("class"))
        .contains("node-failed");

    WebElement evidence = byId("evidence");
    assertThat(evidence.getText()).contains("[doc-7#2]", "runbooks/checkout-rollback.md");

    // The run history: run 1 passed, and it can be looked at.
    WebElement viewFirst = driver().findElement(By.cssSelector("#runs tr[data-run='1'] button"));
    viewFirst.sendKeys(Keys.ENTER);
    waiting()
        .until(ExpectedConditions.attributeToBe(By.id("verdict-result"), "data-passed", "true"));
    assertThat(byId("run-title").getText()).isEqualTo("Run 1");
    assertThat(byId("run-note").getText()).contains("earlier run");
    assertThat(driver().findElements(By.cssSelector("#reasons li"))).isEmpty();
  }

  @Test
  void runningTask_isWatchedLive_untilItSucceeds() throws Exception {
    RunningTask running =
        ConsoleFixtures.insertRunningTask(
            database.dataSource(), "Draft the Orion 2.4 release notes");
    open("#/tasks/" + running.taskId());
    waitForStatus("running");
    assertThat(stageState("queued")).isEqualTo("done");
    assertThat(stageState("plan")).isEqualTo("done");
    assertThat(stageState("execute")).isEqualTo("active");
    assertThat(stageState("verify")).isEqualTo("pending");
    assertThat(stageState("done")).isEqualTo("pending");
    assertThat(byId("run-task").isEnabled()).as("run button while running").isFalse();
    shot("running-task");

    markDocument();
    ConsoleFixtures.finish(database.dataSource(), running);
    waitForStatus("succeeded");

    assertThat(sameDocument()).as("updated by polling, without a reload").isTrue();
    for (String stage : List.of("execute", "verify", "done")) {
      assertThat(stageState(stage)).as(stage).isEqualTo("done");
    }
    assertThat(byId("verdict-result").getAttribute("data-passed")).isEqualTo("true");
  }

  @Test
  void list_filtersByStatus_andEachRowOpensItsTask_byKeyboard() throws Exception {
    FailedTask failed =
        ConsoleFixtures.insertFailedTask(database.dataSource(), "Audit the on-call handbook");
    String queued =
        api.postJson("/tasks", "{\"task\": \"Plan the Q3 capacity review\"}")
            .json()
            .get("task_id")
            .asText();
    open("");
    waiting()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#task-list tr[data-task-id='" + queued + "']")));
    shot("task-list");

    new Select(byId("status-filter")).selectByValue("failed");
    waiting()
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#task-list tr[data-task-id='" + queued + "']")));
    List<WebElement> rows = driver().findElements(By.cssSelector("#task-list tbody tr"));
    assertThat(rows).isNotEmpty();
    rows.forEach(row -> assertThat(row.getAttribute("data-status")).isEqualTo("failed"));
    WebElement link =
        driver()
            .findElement(By.cssSelector("#task-list tr[data-task-id='" + failed.taskId() + "'] a"));

    link.sendKeys(Keys.ENTER);
    waiting().until(ExpectedConditions.urlContains("#/tasks/" + failed.taskId()));
    waitForStatus("failed");
    assertThat(byId("detail-id").getText()).isEqualTo(failed.taskId().toString());
  }

  @Test
  void phoneWidth_keepsEverythingInsideTheScreen() throws Exception {
    FailedTask failed =
        ConsoleFixtures.insertFailedTask(database.dataSource(), "Check the phone layout of a task");
    driver().manage().window().setSize(new Dimension(390, 844));
    for (String fragment : List.of("", "#/tasks/" + failed.taskId())) {
      open(fragment);
      if (fragment.isEmpty()) {
        waiting()
            .until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task-list tbody tr")));
      } else {
        waitForStatus("failed");
      }
      long overflow =
          (Long)
              script(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow)
          .as("horizontal overflow at phone width on '%s'", fragment)
          .isLessThanOrEqualTo(0);
      shot(fragment.isEmpty() ? "phone-list" : "phone-failed-task");
    }
  }
}
