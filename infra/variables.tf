# Inputs. Only project_id and migrator_email have no default; infra/terraform.tfvars.example shows them all.
# Defaults of the pipeline settings equal the code's own defaults (.env.example), so an unset variable behaves
# the same locally and in the cloud.

# --- Where --------------------------------------------------------------------------------------------------

variable "project_id" {
  description = "Google Cloud project to deploy into (billing enabled)."
  type        = string
}

variable "region" {
  description = "Region of the functions, the queue, the database, the scheduler job and the gateway."
  type        = string
  default     = "us-central1"
}

variable "name_prefix" {
  description = "Prefix of every resource name (functions, queue, instance, service accounts)."
  type        = string
  default     = "taskchain"

  validation {
    # Service account ids are 6-30 characters and the longest suffix is "-verifier" / "-invoker".
    condition     = can(regex("^[a-z][a-z0-9-]{2,19}$", var.name_prefix))
    error_message = "name_prefix must be 3-20 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "labels" {
  description = "Labels added to the functions, the bucket and the database instance."
  type        = map(string)
  default     = {}
}

# --- Functions ----------------------------------------------------------------------------------------------

variable "function_jar" {
  description = "The deploy jar. Empty: the one functions/cloud/target/taskchain-functions-*-deploy.jar that `make package` builds."
  type        = string
  default     = ""
}

variable "java_runtime" {
  description = "Cloud Functions runtime. The jar targets Java 17, so java17 or java21."
  type        = string
  default     = "java17"

  validation {
    condition     = contains(["java17", "java21"], var.java_runtime)
    error_message = "java_runtime must be java17 or java21."
  }
}

variable "function_cpu" {
  description = "vCPUs per instance. A concurrency above 1 needs at least 1 vCPU."
  type        = string
  default     = "1"
}

variable "function_concurrency" {
  description = "Requests one instance serves at once (API and stage functions; the sweep always takes 1)."
  type        = number
  default     = 8

  validation {
    condition     = var.function_concurrency >= 1 && var.function_concurrency <= 1000
    error_message = "function_concurrency must be between 1 and 1000."
  }
}

variable "api_memory" {
  description = "Memory of the public API functions."
  type        = string
  default     = "512Mi"
}

variable "stage_memory" {
  description = "Memory of the stage functions and the sweep (they hold the Cloud Tasks client and, in LLM mode, the OpenAI client)."
  type        = string
  default     = "1Gi"
}

variable "api_min_instances" {
  description = "Warm instances kept per public API function (0 = scale to zero; each warm instance is billed)."
  type        = number
  default     = 0
}

variable "api_max_instances" {
  description = "Maximum instances per public API function. Counts against the database connection budget."
  type        = number
  default     = 3
}

variable "stage_min_instances" {
  description = "Warm instances kept per stage function."
  type        = number
  default     = 0
}

variable "stage_max_instances" {
  description = "Maximum instances per stage function. Counts against the database connection budget."
  type        = number
  default     = 3
}

variable "api_timeout_s" {
  description = "Request timeout of the public API functions, seconds; above 60 so `POST /tasks/{id}/run?wait=60` can answer."
  type        = number
  default     = 90
}

variable "stage_timeout_s" {
  description = "Request timeout of the stage functions, seconds. Must be below stage_dispatch_deadline_s."
  type        = number
  default     = 540
}

variable "sweep_timeout_s" {
  description = "Request timeout of the sweep function, seconds."
  type        = number
  default     = 120
}

variable "function_overrides" {
  description = "Per-function sizing overrides, keyed by function key (create_task, list_tasks, get_task, get_run, run_task, list_tools, health, home, plan_stage, execute_stage, verify_stage, sweep)."
  type = map(object({
    memory        = optional(string)
    cpu           = optional(string)
    concurrency   = optional(number)
    min_instances = optional(number)
    max_instances = optional(number)
    timeout_s     = optional(number)
  }))
  default = {}
}

variable "startup_cpu_boost" {
  description = "Turn on Cloud Run startup CPU boost for every function after each deploy (runs `gcloud run services update --cpu-boost`; needs gcloud)."
  type        = bool
  default     = true
}

# --- Database -----------------------------------------------------------------------------------------------

variable "db_tier" {
  description = "Cloud SQL machine tier (Enterprise edition). db-custom-1-3840 = 1 vCPU, 3.75 GB."
  type        = string
  default     = "db-custom-1-3840"
}

variable "db_name" {
  description = "Name of the application database."
  type        = string
  default     = "taskchain"
}

variable "db_max_connections" {
  description = "PostgreSQL max_connections flag. Must exceed the connection budget (see README)."
  type        = number
  default     = 100
}

variable "db_reserved_connections" {
  description = "Connections kept out of the functions' budget: PostgreSQL's superuser reserve (3), the migrator (2) and an operator's psql."
  type        = number
  default     = 10
}

variable "db_pool_size" {
  description = "ORCHESTRATOR_DB_POOL_SIZE: connections per function instance (the code accepts 2-50)."
  type        = number
  default     = 4

  validation {
    condition     = var.db_pool_size >= 2 && var.db_pool_size <= 50
    error_message = "db_pool_size must be between 2 and 50 (the range DatabaseConfig accepts)."
  }
}

variable "db_deletion_protection" {
  description = "Refuse to delete the Cloud SQL instance (set false before `make destroy`)."
  type        = bool
  default     = true
}

variable "db_backups_enabled" {
  description = "Daily automated backups of the instance."
  type        = bool
  default     = true
}

variable "migrator_email" {
  description = "The Google account (user@example.com) or service account email that runs `make migrate`; it becomes the IAM database user that owns the schema."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[a-z]+$", var.migrator_email))
    error_message = "migrator_email must be an email address."
  }
}

# --- Queue (Cloud Tasks) ------------------------------------------------------------------------------------

variable "tasks_max_attempts" {
  description = "The queue's max attempts per stage task, also passed as ORCHESTRATOR_TASKS_MAX_ATTEMPTS (a stage treats the last attempt as final)."
  type        = number
  default     = 5

  validation {
    condition     = var.tasks_max_attempts >= 1 && var.tasks_max_attempts <= 100
    error_message = "tasks_max_attempts must be between 1 and 100 (the range QueueConfig accepts)."
  }
}

variable "tasks_min_backoff_s" {
  description = "Wait before the first retry of a stage task, seconds."
  type        = number
  default     = 2
}

variable "tasks_max_backoff_s" {
  description = "Longest wait between retries, seconds."
  type        = number
  default     = 300
}

variable "tasks_max_doublings" {
  description = "Times the retry wait doubles before it grows linearly."
  type        = number
  default     = 5
}

variable "tasks_max_retry_duration_s" {
  description = "Time limit on retries, seconds; 0 = none, so max attempts alone ends a task, as the stages assume."
  type        = number
  default     = 0
}

variable "tasks_max_dispatches_per_second" {
  description = "Rate at which the queue starts stage calls."
  type        = number
  default     = 20
}

variable "tasks_max_concurrent_dispatches" {
  description = "Stage calls in flight at once."
  type        = number
  default     = 24
}

variable "stage_dispatch_deadline_s" {
  description = "ORCHESTRATOR_STAGE_DISPATCH_DEADLINE_S: how long Cloud Tasks waits for a stage function (15-1800)."
  type        = number
  default     = 600

  validation {
    condition     = var.stage_dispatch_deadline_s >= 15 && var.stage_dispatch_deadline_s <= 1800
    error_message = "stage_dispatch_deadline_s must be between 15 and 1800 seconds."
  }
}

# --- Pipeline -----------------------------------------------------------------------------------------------

variable "planner_mode" {
  description = "ORCHESTRATOR_PLANNER_MODE: deterministic or llm (llm mounts OPENAI_API_KEY; the secret needs a version first)."
  type        = string
  default     = "deterministic"

  validation {
    condition     = contains(["deterministic", "llm"], var.planner_mode)
    error_message = "planner_mode must be deterministic or llm."
  }
}

variable "executor_mode" {
  description = "ORCHESTRATOR_EXECUTOR_MODE: deterministic or llm."
  type        = string
  default     = "deterministic"

  validation {
    condition     = contains(["deterministic", "llm"], var.executor_mode)
    error_message = "executor_mode must be deterministic or llm."
  }
}

variable "tool_timeout_s" {
  description = "ORCHESTRATOR_TOOL_TIMEOUT_S: per-attempt tool timeout, seconds."
  type        = number
  default     = 10
}

variable "tool_max_retries" {
  description = "ORCHESTRATOR_TOOL_MAX_RETRIES: retries on retriable tool errors."
  type        = number
  default     = 2
}

variable "tool_backoff_s" {
  description = "ORCHESTRATOR_TOOL_BACKOFF_S: first tool retry delay, seconds."
  type        = number
  default     = 0.2
}

variable "executor_fail_fast" {
  description = "ORCHESTRATOR_EXECUTOR_FAIL_FAST: stop a plan after its first failed step."
  type        = bool
  default     = false
}

variable "executor_parallelism" {
  description = "ORCHESTRATOR_EXECUTOR_PARALLELISM: steps of one run that may run at the same time (1-32)."
  type        = number
  default     = 4
}

variable "tool_breaker_failures" {
  description = "ORCHESTRATOR_TOOL_BREAKER_FAILURES: failures in a row (timeouts, retriable errors) that open a tool's circuit breaker."
  type        = number
  default     = 5
}

variable "tool_breaker_open_s" {
  description = "ORCHESTRATOR_TOOL_BREAKER_OPEN_S: how long an open breaker refuses calls, seconds."
  type        = number
  default     = 30
}

variable "plan_max_steps" {
  description = "ORCHESTRATOR_PLAN_MAX_STEPS: the most steps a plan may have; a longer one is rejected before it runs."
  type        = number
  default     = 40
}

variable "run_max_tool_calls" {
  description = "ORCHESTRATOR_RUN_MAX_TOOL_CALLS: the most tool calls (retries included) of one run."
  type        = number
  default     = 100
}

variable "run_deadline_s" {
  description = "ORCHESTRATOR_RUN_DEADLINE_S: the longest one run's execution may take, seconds; below stage_timeout_s (and so the dispatch deadline)."
  type        = number
  default     = 300
}

variable "stage_lease_s" {
  description = "ORCHESTRATOR_STAGE_LEASE_S: how long a claimed stage is held without a heartbeat, seconds (renewed every third of it while the stage works): a crashed worker's stage is taken over this long after the crash."
  type        = number
  default     = 30
}

variable "sweep_stuck_after_s" {
  description = "ORCHESTRATOR_SWEEP_STUCK_AFTER_S: when the sweep re-enqueues a stage that no worker holds and that made no progress (its message may be lost), seconds; above stage_lease_s. A stage whose worker died is re-enqueued as soon as its lease expires."
  type        = number
  default     = 900
}

variable "sweep_max_requeues" {
  description = "ORCHESTRATOR_SWEEP_MAX_REQUEUES: re-enqueues of a stuck stage before the sweep fails the run."
  type        = number
  default     = 3
}

variable "sweep_schedule" {
  description = "Cloud Scheduler cron schedule of the sweep (each minute: a crashed worker's stage waits for its lease, then at most this long)."
  type        = string
  default     = "* * * * *"
}

variable "sweep_time_zone" {
  description = "Time zone of sweep_schedule."
  type        = string
  default     = "Etc/UTC"
}

# --- Gateway ------------------------------------------------------------------------------------------------

variable "gateway_region" {
  description = "Region of the API gateway (API Gateway runs in fewer regions than Cloud Functions); empty = region."
  type        = string
  default     = ""
}
