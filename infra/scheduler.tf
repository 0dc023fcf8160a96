# Cloud Scheduler calls the sweep, which re-enqueues stages stuck past ORCHESTRATOR_SWEEP_STUCK_AFTER_S or fails
# their runs. It signs in as the task invoker, the one account allowed to call internal functions.

resource "google_cloud_scheduler_job" "sweep" {
  name             = "${var.name_prefix}-sweep"
  region           = var.region
  description      = "Re-enqueue or fail stuck Taskchain stages"
  schedule         = var.sweep_schedule
  time_zone        = var.sweep_time_zone
  attempt_deadline = "${local.sizing.sweep.timeout_s}s"

  retry_config {
    # The next scheduled run is the retry.
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = google_cloudfunctions2_function.fn["sweep"].url
    headers     = { "Content-Type" = "application/json" }
    body        = base64encode("{}")

    oidc_token {
      service_account_email = google_service_account.invoker.email
      audience              = google_cloudfunctions2_function.fn["sweep"].url
    }
  }

  depends_on = [
    google_project_service.api,
    google_cloud_run_v2_service_iam_member.invoker_calls_internal,
  ]
}
