# Every Cloud Function, all built from the one deploy jar.
#
# local.functions is the deployment table: one entry per HttpFunction class. For each:
#   entry_point  the class Cloud Functions loads,
#   tier         its sizing (api, stage or sweep; see local.sizing_by_tier and var.function_overrides),
#   account      its runtime service account (iam.tf),
#   public       true: reachable through the API gateway (gateway.tf); false: internal-only ingress and only the
#                task invoker may call it,
#   llm          whether it calls the LLM and so may read OPENAI_API_KEY (secrets.tf),
#   env_groups   which groups of local.env_groups it needs.
# functions/local's InfraConsistencyTest checks this table against the code: the classes exist and are all
# deployed, and each function gets every variable the code reads for it.

locals {
  functions = {
    create_task = {
      entry_point = "com.taskchain.orchestrator.functions.CreateTaskFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = ["db"]
    }
    get_task = {
      entry_point = "com.taskchain.orchestrator.functions.GetTaskFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = ["db"]
    }
    get_run = {
      entry_point = "com.taskchain.orchestrator.functions.GetRunFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = ["db"]
    }
    list_tasks = {
      entry_point = "com.taskchain.orchestrator.functions.ListTasksFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = ["db"]
    }
    run_task = {
      entry_point = "com.taskchain.orchestrator.functions.RunTaskFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = ["db", "queue", "plan_url"]
    }
    list_tools = {
      entry_point = "com.taskchain.orchestrator.functions.ListToolsFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = []
    }
    health = {
      entry_point = "com.taskchain.orchestrator.functions.HealthFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = []
    }
    home = {
      entry_point = "com.taskchain.orchestrator.functions.HomeFunction"
      tier        = "api"
      account     = "api"
      public      = true
      llm         = false
      env_groups  = []
    }
    plan_stage = {
      entry_point = "com.taskchain.orchestrator.functions.PlanStageFunction"
      tier        = "stage"
      account     = "stages"
      public      = false
      llm         = true
      env_groups  = ["db", "queue", "reliability", "tools", "modes", "plan_url", "execute_url"]
    }
    execute_stage = {
      entry_point = "com.taskchain.orchestrator.functions.ExecuteStageFunction"
      tier        = "stage"
      account     = "stages"
      public      = false
      llm         = true
      env_groups  = ["db", "queue", "reliability", "tools", "modes", "execute_url", "verify_url"]
    }
    verify_stage = {
      entry_point = "com.taskchain.orchestrator.functions.VerifyStageFunction"
      tier        = "stage"
      account     = "verifier"
      public      = false
      llm         = false
      env_groups  = ["db", "queue", "reliability", "tools", "verify_url"]
    }
    sweep = {
      entry_point = "com.taskchain.orchestrator.functions.SweepFunction"
      tier        = "sweep"
      account     = "sweeper"
      public      = false
      llm         = false
      env_groups  = ["db", "queue", "reliability", "plan_url", "execute_url", "verify_url"]
    }
  }

  function_names = { for key, fn in local.functions : key => "${var.name_prefix}-${replace(key, "_", "-")}" }

  # The URL form Cloud Functions gives every function, known before the function exists. The stages need their
  # own URL (they check the OIDC audience against it) and the next stage's, so taking them from the deployed
  # resources would be a dependency cycle. A postcondition below checks that the real URLs are these.
  function_urls = {
    for key, name in local.function_names : key => "https://${var.region}-${var.project_id}.cloudfunctions.net/${name}"
  }

  env_groups = {
    db = {
      ORCHESTRATOR_CLOUDSQL_INSTANCE = google_sql_database_instance.main.connection_name
      ORCHESTRATOR_DB_NAME           = google_sql_database.app.name
      ORCHESTRATOR_DB_POOL_SIZE      = tostring(var.db_pool_size)
    }
    queue = {
      ORCHESTRATOR_TASKS_PROJECT             = var.project_id
      ORCHESTRATOR_TASKS_LOCATION            = google_cloud_tasks_queue.stages.location
      ORCHESTRATOR_TASKS_QUEUE               = google_cloud_tasks_queue.stages.name
      ORCHESTRATOR_TASKS_MAX_ATTEMPTS        = tostring(var.tasks_max_attempts)
      ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S = tostring(var.stage_dispatch_deadline_s)
      # Enqueuers attach an OIDC token for this account; stages accept only tokens issued to it.
      ORCHESTRATOR_TASKS_INVOKER_SA = google_service_account.invoker.email
      # The sweep checks the scheduler's token (issued to the same account) against its own URL.
      ORCHESTRATOR_SWEEP_URL = local.function_urls.sweep
    }
    reliability = {
      ORCHESTRATOR_STAGE_LEASE_S       = tostring(var.stage_lease_s)
      ORCHESTRATOR_SWEEP_STUCK_AFTER_S = tostring(var.sweep_stuck_after_s)
      ORCHESTRATOR_SWEEP_MAX_REQUEUES  = tostring(var.sweep_max_requeues)
    }
    tools = {
      ORCHESTRATOR_TOOL_TIMEOUT_S        = tostring(var.tool_timeout_s)
      ORCHESTRATOR_TOOL_MAX_RETRIES      = tostring(var.tool_max_retries)
      ORCHESTRATOR_TOOL_BACKOFF_S        = tostring(var.tool_backoff_s)
      ORCHESTRATOR_EXECUTOR_FAIL_FAST    = var.executor_fail_fast ? "1" : "0"
      ORCHESTRATOR_EXECUTOR_PARALLELISM  = tostring(var.executor_parallelism)
      ORCHESTRATOR_TOOL_BREAKER_FAILURES = tostring(var.tool_breaker_failures)
      ORCHESTRATOR_TOOL_BREAKER_OPEN_S   = tostring(var.tool_breaker_open_s)
      ORCHESTRATOR_PLAN_MAX_STEPS        = tostring(var.plan_max_steps)
      ORCHESTRATOR_RUN_MAX_TOOL_CALLS    = tostring(var.run_max_tool_calls)
      ORCHESTRATOR_RUN_DEADLINE_S        = tostring(var.run_deadline_s)
    }
    modes = {
      ORCHESTRATOR_PLANNER_MODE  = var.planner_mode
      ORCHESTRATOR_EXECUTOR_MODE = var.executor_mode
    }
    plan_url = {
      ORCHESTRATOR_STAGE_PLAN_URL = local.function_urls.plan_stage
    }
    execute_url = {
      ORCHESTRATOR_STAGE_EXECUTE_URL = local.function_urls.execute_stage
    }
    verify_url = {
      ORCHESTRATOR_STAGE_VERIFY_URL = local.function_urls.verify_stage
    }
  }

  function_env = {
    for key, fn in local.functions : key => merge(concat(
      [for group in fn.env_groups : local.env_groups[group]],
      # The database user is the function's own service account: IAM database authentication, no password.
      [contains(fn.env_groups, "db") ? { ORCHESTRATOR_DB_IAM_USER = google_sql_user.runtime[fn.account].name } : {}],
    )...)
  }

  sizing_by_tier = {
    api = {
      memory        = var.api_memory
      cpu           = var.function_cpu
      concurrency   = var.function_concurrency
      min_instances = var.api_min_instances
      max_instances = var.api_max_instances
      timeout_s     = var.api_timeout_s
    }
    stage = {
      memory        = var.stage_memory
      cpu           = var.function_cpu
      concurrency   = var.function_concurrency
      min_instances = var.stage_min_instances
      max_instances = var.stage_max_instances
      timeout_s     = var.stage_timeout_s
    }
    # One sweep at a time: a second one would only race the first for the same stuck runs.
    sweep = {
      memory        = var.stage_memory
      cpu           = var.function_cpu
      concurrency   = 1
      min_instances = 0
      max_instances = 1
      timeout_s     = var.sweep_timeout_s
    }
  }

  sizing = {
    for key, fn in local.functions : key => merge(
      local.sizing_by_tier[fn.tier],
      { for attr, value in try(var.function_overrides[key], {}) : attr => value if value != null },
    )
  }

  # The deploy jar `make package` builds (exactly one is expected in functions/cloud/target).
  jar_dir        = abspath("${path.module}/../functions/cloud/target")
  jar_candidates = sort(fileset(local.jar_dir, "taskchain-functions-*-deploy.jar"))
  jar_path       = var.function_jar != "" ? abspath(var.function_jar) : try("${local.jar_dir}/${one(local.jar_candidates)}", "")
  jar_sha256     = try(filesha256(local.jar_path), "")
}

# --- Source: the jar, zipped, in a bucket under its content hash --------------------------------------------

resource "google_storage_bucket" "source" {
  name                        = "${var.project_id}-${var.name_prefix}-fn-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  # Holds only build inputs that `make deploy` can upload again.
  force_destroy = true
  labels        = local.labels

  depends_on = [google_project_service.api]
}

data "archive_file" "source" {
  type        = "zip"
  source_file = local.jar_path
  # Under .terraform/, which is local working state and not in git.
  output_path = "${path.module}/.terraform/build/function-source-${local.jar_sha256}.zip"

  lifecycle {
    precondition {
      condition     = local.jar_sha256 != ""
      error_message = "No deploy jar found (expected exactly one functions/cloud/target/taskchain-functions-*-deploy.jar, found ${length(local.jar_candidates)}): run `make package`, or set function_jar."
    }
  }
}

resource "google_storage_bucket_object" "source" {
  # Named by the jar's hash: a new build is a new object name, which is what makes Cloud Functions rebuild and
  # redeploy; an unchanged jar changes nothing.
  name   = "functions/taskchain-functions-${local.jar_sha256}.zip"
  bucket = google_storage_bucket.source.name
  source = data.archive_file.source.output_path

  lifecycle {
    # The functions move to the new object before the old one is deleted.
    create_before_destroy = true
  }
}

# --- The functions ------------------------------------------------------------------------------------------

resource "google_cloudfunctions2_function" "fn" {
  for_each = local.functions

  name        = local.function_names[each.key]
  location    = var.region
  description = "Taskchain ${each.key}: ${each.value.entry_point}"
  labels      = local.labels

  build_config {
    runtime     = var.java_runtime
    entry_point = each.value.entry_point
    # A dedicated build identity instead of the default compute service account.
    service_account = google_service_account.builder.id
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    available_memory                 = local.sizing[each.key].memory
    available_cpu                    = local.sizing[each.key].cpu
    max_instance_request_concurrency = local.sizing[each.key].concurrency
    min_instance_count               = local.sizing[each.key].min_instances
    max_instance_count               = local.sizing[each.key].max_instances
    timeout_seconds                  = local.sizing[each.key].timeout_s
    # Public functions still require IAM (roles/run.invoker is granted to the gateway's account only); internal
    # ones also refuse traffic from outside the project, which Cloud Tasks and Cloud Scheduler are not.
    ingress_settings               = each.value.public ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.runtime[each.value.account].email
    environment_variables          = local.function_env[each.key]

    dynamic "secret_environment_variables" {
      # Mounted only in LLM mode: with no secret version yet, a mount would fail the deploy.
      for_each = each.value.llm && local.llm_enabled ? [google_secret_manager_secret.openai_api_key.secret_id] : []
      content {
        key        = "OPENAI_API_KEY"
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
  }

  lifecycle {
    precondition {
      condition     = alltrue([for key in keys(var.function_overrides) : contains(keys(local.functions), key)])
      error_message = "function_overrides has keys that are not functions; valid keys: ${join(", ", keys(local.functions))}."
    }
    postcondition {
      condition     = self.url == local.function_urls[each.key]
      error_message = "Function ${self.name} is served at ${self.url}, not at ${local.function_urls[each.key]} as the stage URLs assume; fix local.function_urls."
    }
  }

  depends_on = [
    google_project_service.api,
    google_project_iam_member.builder,
    google_storage_bucket_iam_member.builder_reads_source,
    google_project_iam_member.sql_client,
    google_project_iam_member.sql_instance_user,
    google_secret_manager_secret_iam_member.llm_reader,
  ]
}

# Startup CPU boost gives an instance extra CPU while it starts, which is most of a JVM cold start (class
# loading, JIT). The Cloud Functions API has no field for it, so it is set on each function's Cloud Run service,
# again after every change of the function (a new revision from Cloud Functions would drop it).
resource "terraform_data" "cpu_boost" {
  for_each = { for key, fn in local.functions : key => fn if var.startup_cpu_boost }

  triggers_replace = [google_cloudfunctions2_function.fn[each.key].update_time]

  provisioner "local-exec" {
    command = "gcloud run services update ${google_cloudfunctions2_function.fn[each.key].name} --project=${var.project_id} --region=${var.region} --cpu-boost --quiet"
  }
}
