package com.taskchain.orchestrator.queue;

import com.taskchain.orchestrator.config.ConfigException;
import com.taskchain.orchestrator.config.EnvReader;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how stage messages are enqueued on Cloud Tasks. Immutable and thread-safe.
 *
 * <p>Built once at cold start by {@link #fromEnv(Map)}, which fails only on malformed values: a
 * function that never enqueues must start without the stage URLs, so a missing stage URL is
 * reported by {@link #stageUrl(Stage)} when that stage is first enqueued.
 *
 * @param project the Google Cloud project of the queue
 * @param location the queue's region, e.g. {@code us-central1}
 * @param queue the queue id
 * @param emulatorUrl when present, the base URL of a local Cloud Tasks emulator, reached in
 *     plaintext without credentials; when empty, Google's endpoint with application default
 *     credentials
 * @param stageUrls the absolute URL of each stage function that is configured
 * @param invokerServiceAccount when present, each task carries an OIDC token for this service
 *     account with the stage URL as audience
 * @param maxAttempts the queue's maximum number of attempts per task (its retry config)
 * @param dispatchDeadline how long Cloud Tasks waits for a stage function to answer
 * @param sweepUrl the sweep function's own URL, the audience of the scheduler's OIDC token
 */
public record QueueConfig(
    String project,
    String location,
    String queue,
    Optional<URI> emulatorUrl,
    Map<Stage, URI> stageUrls,
    Optional<String> invokerServiceAccount,
    int maxAttempts,
    Duration dispatchDeadline,
    Optional<URI> sweepUrl) {

  public static final String PROJECT_VAR = "ORCHESTRATOR_TASKS_PROJECT";
  public static final String LOCATION_VAR = "ORCHESTRATOR_TASKS_LOCATION";
  public static final String QUEUE_VAR = "ORCHESTRATOR_TASKS_QUEUE";
  public static final String EMULATOR_URL_VAR = "ORCHESTRATOR_TASKS_EMULATOR_URL";
  public static final String INVOKER_SA_VAR = "ORCHESTRATOR_TASKS_INVOKER_SA";
  public static final String MAX_ATTEMPTS_VAR = "ORCHESTRATOR_TASKS_MAX_ATTEMPTS";
  public static final String DISPATCH_DEADLINE_VAR = "ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S";
  public static final String SWEEP_URL_VAR = "ORCHESTRATOR_SWEEP_URL";

  public static final String DEFAULT_PROJECT = "local-project";
  public static final String DEFAULT_LOCATION = "us-central1";
  public static final String DEFAULT_QUEUE = "taskchain-stages";
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final int MIN_MAX_ATTEMPTS = 1;
  public static final int MAX_MAX_ATTEMPTS = 100;

  /** Cloud Tasks' default dispatch deadline for HTTP targets. */
  public static final Duration DEFAULT_DISPATCH_DEADLINE = Duration.ofMinutes(10);

  /** The shortest dispatch deadline Cloud Tasks accepts for HTTP targets. */
  public static final Duration MIN_DISPATCH_DEADLINE = Duration.ofSeconds(15);

  /** The longest dispatch deadline Cloud Tasks accepts for HTTP targets. */
  public static final Duration MAX_DISPATCH_DEADLINE = Duration.ofMinutes(30);

  // Cloud Tasks resource id rules; checking them here turns a deploy typo into a message at cold
  // start instead of an INVALID_ARGUMENT on the first enqueue.
  private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9:.-]{0,99}");
  private static final Pattern LOCATION_ID = Pattern.compile("[a-z0-9-]{1,63}");
  private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  public QueueConfig {
    Objects.requireNonNull(emulatorUrl, "emulatorUrl");
    Objects.requireNonNull(invokerServiceAccount, "invokerServiceAccount");
    Objects.requireNonNull(dispatchDeadline, "dispatchDeadline");
    Objects.requireNonNull(sweepUrl, "sweepUrl");
    check(PROJECT_ID, project, PROJECT_VAR);
    check(LOCATION_ID, location, LOCATION_VAR);
    check(QUEUE_ID, queue, QUEUE_VAR);
    emulatorUrl.ifPresent(QueueConfig::checkEmulatorUrl);
    invokerServiceAccount.ifPresent(email -> check(EMAIL, email, INVOKER_SA_VAR));
    stageUrls = Map.copyOf(Objects.requireNonNull(stageUrls, "stageUrls"));
    if (maxAttempts < MIN_MAX_ATTEMPTS || maxAttempts > MAX_MAX_ATTEMPTS) {
      throw new ConfigException(
          MAX_ATTEMPTS_VAR
              + " must be between "
              + MIN_MAX_ATTEMPTS
              + " and "
              + MAX_MAX_ATTEMPTS
              + ", got "
              + maxAttempts);
    }
    if (dispatchDeadline.compareTo(MIN_DISPATCH_DEADLINE) < 0
        || dispatchDeadline.compareTo(MAX_DISPATCH_DEADLINE) > 0) {
      throw new ConfigException(
          DISPATCH_DEADLINE_VAR
              + " must be between 15 and 1800 seconds, got "
              + dispatchDeadline.toMillis() / 1000d);
    }
  }

  /**
   * Reads the configuration from an environment map (normally {@code System.getenv()}).
   *
   * @throws ConfigException naming the variable when a value is malformed or out of range; never
   *     for a missing stage URL
   */
  public static QueueConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(env);
    Map<Stage, URI> stageUrls = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      reader.url(stageUrlVariable(stage)).ifPresent(url -> stageUrls.put(stage, url));
    }
    return new QueueConfig(
        reader.string(PROJECT_VAR, DEFAULT_PROJECT),
        reader.string(LOCATION_VAR, DEFAULT_LOCATION),
        reader.string(QUEUE_VAR, DEFAULT_QUEUE),
        reader.url(EMULATOR_URL_VAR),
        stageUrls,
        reader.optional(INVOKER_SA_VAR),
        reader.integer(MAX_ATTEMPTS_VAR, DEFAULT_MAX_ATTEMPTS, MIN_MAX_ATTEMPTS, MAX_MAX_ATTEMPTS),
        reader.seconds(
            DISPATCH_DEADLINE_VAR,
            DEFAULT_DISPATCH_DEADLINE,
            MIN_DISPATCH_DEADLINE,
            MAX_DISPATCH_DEADLINE),
        reader.url(SWEEP_URL_VAR));
  }

  /** The environment variable that holds a stage function's URL, e.g. {@code ..._PLAN_URL}. */
  public static String stageUrlVariable(Stage stage) {
    return "ORCHESTRATOR_STAGE_" + stage.name() + "_URL";
  }

  /** The queue's resource name, {@code projects/P/locations/L/queues/Q}. */
  public String queuePath() {
    return "projects/" + project + "/locations/" + location + "/queues/" + queue;
  }

  /**
   * The URL Cloud Tasks posts to for a stage.
   *
   * @throws ConfigException naming the variable when that stage's URL is not configured
   */
  public URI stageUrl(Stage stage) {
    URI url = stageUrls.get(Objects.requireNonNull(stage, "stage"));
    if (url == null) {
      throw new ConfigException(
          stageUrlVariable(stage) + " is required to enqueue the " + stage.wire() + " stage");
    }
    return url;
  }

  /**
   * The sweep function's URL, which the scheduler's OIDC token names as its audience.
   *
   * @throws ConfigException naming the variable when it is not configured
   */
  public URI requireSweepUrl() {
    return sweepUrl.orElseThrow(
        () ->
            new ConfigException(
                SWEEP_URL_VAR + " is required to check the sweep's caller (the token audience)"));
  }

  /**
   * Whether a delivery is the queue's last try, so a stage that fails now should record a permanent
   * failure instead of asking for a retry.
   *
   * @param retryCount the {@code X-CloudTasks-TaskRetryCount} of the delivery (0 on the first)
   */
  public boolean isLastAttempt(int retryCount) {
    return retryCount >= maxAttempts - 1;
  }

  @Override
  public String toString() {
    // Nothing here is a credential, but URLs can carry user info or query tokens: print only
    // scheme, host, port and path.
    Map<Stage, String> urls = new EnumMap<>(Stage.class);
    stageUrls.forEach((stage, url) -> urls.put(stage, printable(url)));
    return "QueueConfig[queuePath="
        + queuePath()
        + ", emulatorUrl="
        + emulatorUrl.map(QueueConfig::printable).orElse("(none: Google with ADC)")
        + ", stageUrls="
        + urls
        + ", invokerServiceAccount="
        + invokerServiceAccount.orElse("(none)")
        + ", maxAttempts="
        + maxAttempts
        + ", dispatchDeadline="
        + dispatchDeadline
        + "]";
  }

  private static String printable(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + Objects.requireNonNullElse(url.getRawPath(), "");
  }

  private static void check(Pattern pattern, String value, String variable) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new ConfigException(variable + " is malformed: '" + value + "'");
    }
  }

  private static void checkEmulatorUrl(URI url) {
    // The client appends /v2/... to the endpoint, so a path or query would silently be dropped.
    boolean bare =
        (url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
            && url.getRawQuery() == null
            && url.getRawFragment() == null
            && url.getRawUserInfo() == null;
    if (!bare) {
      throw new ConfigException(
          EMULATOR_URL_VAR
              + " must be scheme://host:port with nothing after it, got '"
              + url
              + "'");
    }
  }
}
