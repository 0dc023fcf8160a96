# The Cloud Tasks queue that carries every stage call (plan -> execute -> verify).
#
# Cloud Tasks delivers at least once and retries anything but a 2xx. The stages rely on two things set here:
# max_attempts is the same number they get as ORCHESTRATOR_TASKS_MAX_ATTEMPTS (so they know which delivery is
# the last and record the failure instead of asking for a retry that will never come), and no retry time limit
# by default (so max_attempts alone ends a task). Both come from the one variable var.tasks_max_attempts.

resource "google_cloud_tasks_queue" "stages" {
  name     = "${var.name_prefix}-stages"
  location = var.region

  retry_config {
    max_attempts       = var.tasks_max_attempts
    min_backoff        = "${var.tasks_min_backoff_s}s"
    max_backoff        = "${var.tasks_max_backoff_s}s"
    max_doublings      = var.tasks_max_doublings
    max_retry_duration = "${var.tasks_max_retry_duration_s}s"
  }

  rate_limits {
    max_dispatches_per_second = var.tasks_max_dispatches_per_second
    # Bounds the stage instances the queue wakes, and with them the database connections they open.
    max_concurrent_dispatches = var.tasks_max_concurrent_dispatches
  }

  stackdriver_logging_config {
    # Every delivery and its answer in Cloud Logging; lower it on a busy queue.
    sampling_ratio = 1.0
  }

  lifecycle {
    precondition {
      # A stage that outlives the dispatch deadline keeps running while Cloud Tasks retries it.
      condition     = alltrue([for key, fn in local.functions : local.sizing[key].timeout_s < var.stage_dispatch_deadline_s if fn.tier == "stage"])
      error_message = "Every stage function's timeout must be below stage_dispatch_deadline_s (${var.stage_dispatch_deadline_s} s), or a slow stage runs concurrently with its own retry."
    }
    precondition {
      # A working stage renews its lease every third of it (a heartbeat), so the lease bounds how long a crashed
      # worker blocks its stage, not how long a stage may run; too short and one slow database round trip loses it.
      condition     = var.stage_lease_s >= 3 && var.stage_lease_s <= 1800
      error_message = "stage_lease_s (${var.stage_lease_s} s) must be between 3 and 1800 seconds."
    }
    precondition {
      # The execute stage must end its run (results recorded) before the function is cut off.
      condition     = alltrue([for key, fn in local.functions : var.run_deadline_s < local.sizing[key].timeout_s if fn.tier == "stage"])
      error_message = "run_deadline_s (${var.run_deadline_s} s) must be below every stage function's timeout."
    }
    precondition {
      condition     = var.sweep_stuck_after_s > var.stage_lease_s
      error_message = "sweep_stuck_after_s must exceed stage_lease_s, or the sweep re-enqueues stages whose delivery is about to claim them."
    }
  }

  depends_on = [google_project_service.api]
}
