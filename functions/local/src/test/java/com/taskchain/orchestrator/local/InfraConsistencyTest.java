package com.taskchain.orchestrator.local;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import com.google.cloud.functions.HttpFunction;
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
import com.taskchain.orchestrator.queue.QueueConfig;
import com.taskchain.orchestrator.queue.Stage;
import com.taskchain.orchestrator.store.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Terraform deployment ({@code infra/*.tf}, {@code infra/openapi.yaml}) in step with the
 * code, offline: plain-text reading of the infra files, no Terraform and no cloud. It fails when a
 * deployed class is renamed, a function class is not deployed, a function misses an environment
 * variable its code reads, the gateway's paths and the local runner's routes part ways, or the
 * queue's max attempts and the value the stages are told differ.
 */
class InfraConsistencyTest {
  private static final String FUNCTIONS_PACKAGE = "com.taskchain.orchestrator.functions";

  /** Groups of environment variables a function may need; the names in each come from the code. */
  private enum Need {
    DATABASE,
    QUEUE,
    RELIABILITY,
    TOOLS,
    MODES,
    PLAN_URL,
    EXECUTE_URL,
    VERIFY_URL
  }

  /**
   * What each function's code reads, by group: the database for everything that touches tasks; the
   * queue for everything that enqueues a stage or receives one (a stage checks the invoker account
   * and its own URL); the stage runner's settings for the stages; the sweep re-enqueues any stage.
   */
  private static final Map<Class<? extends HttpFunction>, Set<Need>> NEEDS =
      Map.ofEntries(
          entry(CreateTaskFunction.class, EnumSet.of(Need.DATABASE)),
          entry(ListTasksFunction.class, EnumSet.of(Need.DATABASE)),
          entry(GetTaskFunction.class, EnumSet.of(Need.DATABASE)),
          entry(GetRunFunction.class, EnumSet.of(Need.DATABASE)),
          entry(RunTaskFunction.class, EnumSet.of(Need.DATABASE, Need.QUEUE, Need.PLAN_URL)),
          entry(ListToolsFunction.class, EnumSet.noneOf(Need.class)),
          entry(HealthFunction.class, EnumSet.noneOf(Need.class)),
          entry(HomeFunction.class, EnumSet.noneOf(Need.class)),
          entry(
              PlanStageFunction.class,
              EnumSet.of(
                  Need.DATABASE,
                  Need.QUEUE,
                  Need.RELIABILITY,
                  Need.TOOLS,
                  Need.MODES,
                  Need.PLAN_URL,
                  Need.EXECUTE_URL)),
          entry(
              ExecuteStageFunction.class,
              EnumSet.of(
                  Need.DATABASE,
                  Need.QUEUE,
                  Need.RELIABILITY,
                  Need.TOOLS,
                  Need.MODES,
                  Need.EXECUTE_URL,
                  Need.VERIFY_URL)),
          entry(
              VerifyStageFunction.class,
              EnumSet.of(Need.DATABASE, Need.QUEUE, Need.RELIABILITY, Need.TOOLS, Need.VERIFY_URL)),
          entry(
              SweepFunction.class,
              EnumSet.of(
                  Need.DATABASE,
                  Need.QUEUE,
                  Need.RELIABILITY,
                  Need.PLAN_URL,
                  Need.EXECUTE_URL,
                  Need.VERIFY_URL)));

  /** The functions that call the LLM, and so the only ones that may read OPENAI_API_KEY. */
  private static final Set<Class<? extends HttpFunction>> LLM_CALLERS =
      Set.of(PlanStageFunction.class, ExecuteStageFunction.class);

  /**
   * Variables the code reads that the cloud must not set: it uses Cloud SQL and the real Cloud
   * Tasks.
   */
  private static final Set<String> LOCAL_ONLY =
      Set.of(DatabaseConfig.URL, QueueConfig.EMULATOR_URL_VAR);

  private static final Pattern VARIABLE_LITERAL =
      Pattern.compile("\"(ORCHESTRATOR_[A-Z0-9_]*[A-Z0-9])\"");

  private static Path root;
  private static Infra infra;

  @BeforeAll
  static void readInfra() {
    root = RepoRoot.find();
    infra = Infra.read(root.resolve("infra"));
  }

  @Test
  void everyEntryPoint_isAPublicHttpFunctionClass() {
    assertThat(infra.functions()).isNotEmpty();
    for (DeployedFunction fn : infra.functions().values()) {
      assertThatCode(() -> Class.forName(fn.entryPoint()))
          .as("entry_point of function %s in infra/functions.tf", fn.key())
          .doesNotThrowAnyException();
      assertThat(isDeployable(classOf(fn)))
          .as("%s (function %s) is a public, concrete HttpFunction", fn.entryPoint(), fn.key())
          .isTrue();
    }
  }

  @Test
  void everyHttpFunctionClass_isDeployedOnce() {
    Set<String> classes = httpFunctionClassesInSource();
    List<String> entryPoints =
        infra.functions().values().stream().map(DeployedFunction::entryPoint).sorted().toList();

    assertThat(entryPoints).as("entry points in infra/functions.tf").doesNotHaveDuplicates();
    assertThat(new TreeSet<>(entryPoints))
        .as("HttpFunction classes in functions/cloud versus entry points in infra/functions.tf")
        .isEqualTo(classes);
    Set<String> tabled =
        NEEDS.keySet().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    assertThat(tabled)
        .as("every HttpFunction class has a row in this test's NEEDS table")
        .isEqualTo(classes);
  }

  @Test
  void everyFunction_getsEveryVariableItsCodeReads() {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (DeployedFunction fn : infra.functions().values()) {
      Set<String> required = new TreeSet<>();
      NEEDS.getOrDefault(classOf(fn), Set.of()).forEach(need -> required.addAll(variables(need)));
      required.removeAll(infra.environment(fn));
      if (!required.isEmpty()) {
        missing.put(fn.key(), required);
      }
    }
    assertThat(missing)
        .as("variables the code reads that infra/functions.tf does not set, by function")
        .isEmpty();
  }

  @Test
  void terraform_setsOnlyVariablesTheCodeKnows() {
    Set<String> known = new TreeSet<>(variablesIn(root.resolve("shared/src/main/java")));
    known.addAll(variablesIn(root.resolve("functions/cloud/src/main/java")));
    for (Stage stage : Stage.values()) {
      known.add(QueueConfig.stageUrlVariable(stage));
    }
    known.removeAll(LOCAL_ONLY);

    Set<String> set = new TreeSet<>();
    infra.functions().values().forEach(fn -> set.addAll(infra.environment(fn)));
    set.removeIf(name -> !name.startsWith("ORCHESTRATOR_"));
    assertThat(known).as("variables the code reads").isNotEmpty();
    assertThat(set).as("ORCHESTRATOR_* variables set in infra/functions.tf").isSubsetOf(known);
  }

  @Test
  void openApiPaths_equalTheLocalRunnersPublicRoutes() {
    Set<String> templates =
        publicRoutes().stream().map(Routes.Route::template).collect(Collectors.toSet());
    assertThat(infra.openApiBackends().keySet())
        .as("paths of infra/openapi.yaml versus Routes.ALL without /internal/* and /company/*")
        .isEqualTo(templates);
  }

  @Test
  void openApiBackends_areTheFunctionsOfTheirRoutes() {
    infra
        .openApiBackends()
        .forEach(
            (path, operations) -> {
              assertThat(operations).as("operations of %s in openapi.yaml", path).isNotEmpty();
              operations.forEach(
                  (method, functionKeys) -> {
                    String operation = method + " " + path;
                    assertThat(functionKeys)
                        .as("backend placeholders of %s in openapi.yaml", operation)
                        .hasSize(1);
                    DeployedFunction fn = infra.functions().get(functionKeys.iterator().next());
                    assertThat(fn)
                        .as("function behind %s: %s_url names no function", operation, functionKeys)
                        .isNotNull();
                    assertThat(fn.isPublic())
                        .as("function %s behind %s is public", fn.key(), operation)
                        .isTrue();
                    routeFor(method, path)
                        .ifPresent(
                            route ->
                                assertThat(fn.entryPoint())
                                    .as(
                                        "the gateway sends %s to the function the local runner does",
                                        operation)
                                    .isEqualTo(route.function().getName()));
                  });
            });
  }

  @Test
  void everyMethodOfAMethodRoute_isAnOperationOfTheApi() {
    for (Routes.Route route : publicRoutes()) {
      for (String method : route.methods()) {
        assertThat(infra.openApiBackends().getOrDefault(route.template(), Map.of()))
            .as(
                "openapi.yaml declares %s %s, which the local runner routes",
                method, route.template())
            .containsKey(method);
      }
    }
  }

  @Test
  void onlyFunctionsBehindPublicRoutes_arePublic() {
    Set<String> publicClasses =
        publicRoutes().stream()
            .map(route -> route.function().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    for (DeployedFunction fn : infra.functions().values()) {
      assertThat(fn.isPublic())
          .as(
              "function %s (%s): public exactly when a public route serves it",
              fn.key(), fn.entryPoint())
          .isEqualTo(publicClasses.contains(fn.entryPoint()));
    }
  }

  @Test
  void queueMaxAttempts_equalsTheValuePassedToTheStages() {
    String queue = infra.queueMaxAttempts();
    String passed = infra.groupValue(QueueConfig.MAX_ATTEMPTS_VAR);
    assertThat(normalized(queue))
        .as(
            "queue max_attempts (infra/queue.tf: %s) versus %s (infra/functions.tf: %s)",
            queue, QueueConfig.MAX_ATTEMPTS_VAR, passed)
        .isEqualTo(normalized(passed));
  }

  @Test
  void openAiKey_isMountedOnlyForTheLlmCallers_andTheirAccountsServeNoOtherFunction() {
    Set<String> llmCallers =
        LLM_CALLERS.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> llmFunctions =
        infra.functions().values().stream()
            .filter(DeployedFunction::llm)
            .map(DeployedFunction::entryPoint)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(llmFunctions)
        .as("functions marked llm = true in infra/functions.tf")
        .isEqualTo(llmCallers);

    Set<String> llmAccounts =
        infra.functions().values().stream()
            .filter(DeployedFunction::llm)
            .map(DeployedFunction::account)
            .collect(Collectors.toSet());
    for (DeployedFunction fn : infra.functions().values()) {
      if (!fn.llm()) {
        assertThat(llmAccounts)
            .as(
                "function %s does not call the LLM, so it must not run as an account that reads the key",
                fn.key())
            .doesNotContain(fn.account());
      }
    }
    assertThat(infra.secretReaderForEach())
        .as("for_each of the secret accessor grant in infra/secrets.tf")
        .isEqualTo("local.llm_accounts");
  }

  // --- The code's side
  // ------------------------------------------------------------------------------------

  private static Set<String> variables(Need need) {
    Path shared = root.resolve("shared/src/main/java/com/taskchain/orchestrator");
    Set<String> names =
        switch (need) {
          case DATABASE -> variablesIn(shared.resolve("store/DatabaseConfig.java"));
          case QUEUE -> variablesIn(shared.resolve("queue/QueueConfig.java"));
          case RELIABILITY -> variablesIn(shared.resolve("pipeline/PipelineConfig.java"));
          case TOOLS -> variablesIn(shared.resolve("execute/ExecutorConfig.java"));
          case MODES -> variablesIn(shared.resolve("wiring/ModeConfig.java"));
          case PLAN_URL -> Set.of(QueueConfig.stageUrlVariable(Stage.PLAN));
          case EXECUTE_URL -> Set.of(QueueConfig.stageUrlVariable(Stage.EXECUTE));
          case VERIFY_URL -> Set.of(QueueConfig.stageUrlVariable(Stage.VERIFY));
        };
    Set<String> cloud = new TreeSet<>(names);
    cloud.removeAll(LOCAL_ONLY);
    assertThat(cloud).as("variables the code reads for %s", need).isNotEmpty();
    return cloud;
  }

  /** The {@code "ORCHESTRATOR_..."} string literals in a source file or under a folder. */
  private static Set<String> variablesIn(Path path) {
    try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
      Set<String> names = new TreeSet<>();
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = VARIABLE_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every public, concrete HttpFunction among the classes of functions/cloud's function package.
   */
  private static Set<String> httpFunctionClassesInSource() {
    Path dir = root.resolve("functions/cloud/src/main/java/" + FUNCTIONS_PACKAGE.replace('.', '/'));
    try (Stream<Path> files = Files.list(dir)) {
      Set<String> classes = new TreeSet<>();
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String name = FUNCTIONS_PACKAGE + "." + file.getFileName().toString().replace(".java", "");
        if (isDeployable(Class.forName(name))) {
          classes.add(name);
        }
      }
      assertThat(classes).as("HttpFunction classes in %s", dir).isNotEmpty();
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("a source file in " + dir + " has no compiled class", e);
    }
  }

  private static boolean isDeployable(Class<?> type) {
    return HttpFunction.class.isAssignableFrom(type)
        && Modifier.isPublic(type.getModifiers())
        && !Modifier.isAbstract(type.getModifiers())
        && !type.isInterface();
  }

  private static Class<?> classOf(DeployedFunction fn) {
    try {
      return Class.forName(fn.entryPoint());
    } catch (ClassNotFoundException e) {
      return fail("entry_point of function %s names no class: %s", fn.key(), fn.entryPoint());
    }
  }

  /**
   * The local runner's public routes: outside /internal/ and the mock company systems' /company/.
   */
  private static List<Routes.Route> publicRoutes() {
    return Routes.ALL.stream().filter(Routes.Route::publicApi).toList();
  }

  /** The public route that serves a method at a template, if any. */
  private static Optional<Routes.Route> routeFor(String method, String template) {
    return publicRoutes().stream()
        .filter(route -> route.template().equals(template) && route.accepts(method))
        .findFirst();
  }

  /** An expression without blanks and without a {@code tostring(...)} around it. */
  private static String normalized(String expression) {
    String compact = expression.replaceAll("\\s+", "");
    Matcher wrapped = Pattern.compile("tostring\\((.*)\\)").matcher(compact);
    String inner = wrapped.matches() ? wrapped.group(1) : compact;
    return inner.replaceAll("^\"(.*)\"$", "$1");
  }

  // --- The infra's side
  // -----------------------------------------------------------------------------------

  /** One row of {@code local.functions} in infra/functions.tf. */
  record DeployedFunction(
      String key,
      String entryPoint,
      String account,
      boolean isPublic,
      boolean llm,
      List<String> envGroups) {}

  /**
   * What the tests read from infra/: the function table, the environment groups, the queue and the
   * API.
   */
  record Infra(
      Map<String, DeployedFunction> functions,
      Map<String, Map<String, String>> envGroups,
      Map<String, Set<String>> conditionalEnv,
      String queueMaxAttempts,
      String secretReaderForEach,
      Map<String, Map<String, Set<String>>> openApiBackends) {

    static Infra read(Path dir) {
      String functionsTf = Hcl.withoutComments(readString(dir.resolve("functions.tf")));
      // The environment of a function is its groups merged (plus the database user when it has
      // "db"): check
      // the composition is the one modelled here, so a rewrite of it cannot make this test read the
      // wrong thing.
      assertThat(functionsTf.replaceAll("\\s+", " "))
          .as("infra/functions.tf composes environments from env_groups")
          .contains("for group in fn.env_groups : local.env_groups[group]")
          .contains("environment_variables = local.function_env[each.key]");

      Map<String, DeployedFunction> functions = new TreeMap<>();
      Hcl.entries(Hcl.block(functionsTf, "functions"))
          .forEach(
              (key, body) ->
                  functions.put(
                      key,
                      new DeployedFunction(
                          key,
                          Hcl.string(body, "entry_point"),
                          Hcl.string(body, "account"),
                          Hcl.bool(body, "public"),
                          Hcl.bool(body, "llm"),
                          Hcl.strings(body, "env_groups"))));

      Map<String, Map<String, String>> envGroups = new TreeMap<>();
      Hcl.entries(Hcl.block(functionsTf, "env_groups"))
          .forEach((group, body) -> envGroups.put(group, Hcl.upperCaseAttributes(body)));

      Map<String, Set<String>> conditional = new TreeMap<>();
      Matcher m =
          Pattern.compile("contains\\(fn\\.env_groups,\\s*\"(\\w+)\"\\)\\s*\\?\\s*\\{([^}]*)}")
              .matcher(functionsTf);
      while (m.find()) {
        conditional
            .computeIfAbsent(m.group(1), g -> new TreeSet<>())
            .addAll(Hcl.upperCaseAttributes(m.group(2)).keySet());
      }

      String queueTf = Hcl.withoutComments(readString(dir.resolve("queue.tf")));
      String maxAttempts = Hcl.attribute(Hcl.block(queueTf, "retry_config"), "max_attempts");

      String secretsTf = Hcl.withoutComments(readString(dir.resolve("secrets.tf")));
      String readerForEach =
          Hcl.attribute(
              Hcl.block(
                  secretsTf, "resource \"google_secret_manager_secret_iam_member\" \"llm_reader\""),
              "for_each");

      return new Infra(
          functions,
          envGroups,
          conditional,
          maxAttempts,
          readerForEach,
          OpenApi.backends(readString(dir.resolve("openapi.yaml"))));
    }

    /** The names of the environment variables Terraform sets for a function. */
    Set<String> environment(DeployedFunction fn) {
      Set<String> names = new TreeSet<>();
      for (String group : fn.envGroups()) {
        Map<String, String> variables = envGroups.get(group);
        assertThat(variables)
            .as("env group '%s' of function %s exists", group, fn.key())
            .isNotNull();
        names.addAll(variables.keySet());
        names.addAll(conditionalEnv.getOrDefault(group, Set.of()));
      }
      return names;
    }

    /** The expression an env group gives a variable; fails unless exactly one group sets it. */
    String groupValue(String variable) {
      List<String> values = new ArrayList<>();
      envGroups.values().forEach(group -> values.add(group.get(variable)));
      values.removeIf(v -> v == null);
      assertThat(values).as("env groups that set %s", variable).hasSize(1);
      return values.get(0);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The paths of the OpenAPI document, their operations (upper-case method names) and the function
   * keys of each operation's backend placeholders.
   */
  static final class OpenApi {
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern OPERATION =
        Pattern.compile("^    (get|put|post|delete|options|head|patch):\\s*$");
    private static final Pattern TOP_LEVEL = Pattern.compile("^[A-Za-z]\\S*:.*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)_url}");

    private OpenApi() {}

    static Map<String, Map<String, Set<String>>> backends(String yaml) {
      Map<String, Map<String, Set<String>>> backends = new LinkedHashMap<>();
      boolean inPaths = false;
      String path = null;
      String method = null;
      for (String line : yaml.split("\n", -1)) {
        if (TOP_LEVEL.matcher(line).matches()) {
          inPaths = line.startsWith("paths:");
          path = null;
          method = null;
          continue;
        }
        if (!inPaths) {
          continue;
        }
        Matcher p = PATH.matcher(line);
        if (p.matches()) {
          path = p.group(1);
          assertThat(backends)
              .as("openapi.yaml path %s appears once", path)
              .doesNotContainKey(path);
          backends.put(path, new TreeMap<>());
          method = null;
          continue;
        }
        Matcher operation = OPERATION.matcher(line);
        if (path != null && operation.matches()) {
          method = operation.group(1).toUpperCase(Locale.ROOT);
          assertThat(backends.get(path))
              .as("openapi.yaml operation %s %s appears once", method, path)
              .doesNotContainKey(method);
          backends.get(path).put(method, new TreeSet<>());
          continue;
        }
        Matcher placeholder = PLACEHOLDER.matcher(line);
        while (path != null && placeholder.find()) {
          assertThat(method)
              .as("placeholder %s in openapi.yaml is inside an operation", placeholder.group())
              .isNotNull();
          backends.get(path).get(method).add(placeholder.group(1));
        }
      }
      assertThat(backends).as("paths in infra/openapi.yaml").isNotEmpty();
      return backends;
    }
  }

  /**
   * Just enough HCL reading for the infra's own files: comments, quoted strings (with {@code
   * ${...}} inside) and nested braces. Blocks are found by their name at the start of a line.
   */
  static final class Hcl {
    private Hcl() {}

    /** The text without its line and block comments; strings are kept whole. */
    static String withoutComments(String text) {
      StringBuilder out = new StringBuilder(text.length());
      List<Character> stack = new ArrayList<>(); // 's' string, 'i' interpolation, 'b' brace
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        char top = stack.isEmpty() ? 'b' : stack.get(stack.size() - 1);
        if (top == 's') {
          out.append(c);
          if (c == '\\' && i + 1 < text.length()) {
            out.append(text.charAt(++i));
          } else if (c == '"') {
            stack.remove(stack.size() - 1);
          } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
            out.append(text.charAt(++i));
            stack.add('i');
          }
          continue;
        }
        if (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
          while (i < text.length() && text.charAt(i) != '\n') {
            i++;
          }
          if (i < text.length()) {
            out.append('\n');
          }
          continue;
        }
        if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
          int end = text.indexOf("*/", i + 2);
          i = end < 0 ? text.length() : end + 1;
          continue;
        }
        out.append(c);
        if (c == '"') {
          stack.add('s');
        } else if (c == '{') {
          stack.add('b');
        } else if (c == '}' && !stack.isEmpty()) {
          stack.remove(stack.size() - 1);
        }
      }
      return out.toString();
    }

    /**
     * Index of the brace closing the one at {@code open}, skipping strings and their
     * interpolations.
     */
    static int closing(String text, int open) {
      List<Character> stack = new ArrayList<>();
      for (int i = open; i < text.length(); i++) {
        char c = text.charAt(i);
        char top = stack.isEmpty() ? 'b' : stack.get(stack.size() - 1);
        if (top == 's') {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            stack.remove(stack.size() - 1);
          } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
            i++;
            stack.add('i');
          }
        } else if (c == '"') {
          stack.add('s');
        } else if (c == '{') {
          stack.add('b');
        } else if (c == '}') {
          stack.remove(stack.size() - 1);
          if (stack.isEmpty()) {
            return i;
          }
        }
      }
      throw new AssertionError(
          "unbalanced braces after: " + text.substring(open, Math.min(text.length(), open + 80)));
    }

    /**
     * The body of the first map or block called {@code name}: {@code name = {...}} or {@code name
     * {...}}.
     */
    static String block(String text, String name) {
      Matcher m =
          Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=?\\s*\\{").matcher(text);
      if (!m.find()) {
        throw new AssertionError("no block '" + name + "' found");
      }
      int open = m.end() - 1;
      return text.substring(open + 1, closing(text, open));
    }

    /** The {@code key = { ... }} entries of a map body, in order. */
    static Map<String, String> entries(String body) {
      Map<String, String> entries = new LinkedHashMap<>();
      Matcher m = Pattern.compile("(?m)^\\s*([A-Za-z_][\\w-]*)\\s*=\\s*\\{").matcher(body);
      int from = 0;
      while (m.find(from)) {
        int open = m.end() - 1;
        int close = closing(body, open);
        entries.put(m.group(1), body.substring(open + 1, close));
        from = close + 1;
      }
      return entries;
    }

    /** The expression of {@code name = ...} on one line. */
    static String attribute(String body, String name) {
      Matcher m =
          Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=\\s*(.+?)\\s*$").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no attribute '" + name + "' in: " + body.strip());
      }
      return m.group(1);
    }

    static String string(String body, String name) {
      String value = attribute(body, name);
      assertThat(value).as("%s is a quoted string", name).matches("\"[^\"$]*\"");
      return value.substring(1, value.length() - 1);
    }

    static boolean bool(String body, String name) {
      String value = attribute(body, name);
      assertThat(value).as("%s is true or false", name).isIn("true", "false");
      return Boolean.parseBoolean(value);
    }

    static List<String> strings(String body, String name) {
      String value = attribute(body, name);
      assertThat(value)
          .as("%s is a list of strings", name)
          .matches("\\[(\\s*\"\\w+\"\\s*,?)*\\s*]");
      List<String> items = new ArrayList<>();
      Matcher m = Pattern.compile("\"(\\w+)\"").matcher(value);
      while (m.find()) {
        items.add(m.group(1));
      }
      return items;
    }

    /**
     * The {@code NAME = expression} attributes whose names are upper case (environment variables).
     */
    static Map<String, String> upperCaseAttributes(String body) {
      Map<String, String> attributes = new TreeMap<>();
      Matcher m =
          Pattern.compile("(?m)(?:^|\\{)\\s*([A-Z][A-Z0-9_]*)\\s*=\\s*(.+?)\\s*$").matcher(body);
      while (m.find()) {
        attributes.put(m.group(1), m.group(2));
      }
      return attributes;
    }
  }
}
