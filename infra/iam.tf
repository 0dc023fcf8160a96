# Least privilege: one service account per role, each granted only what its functions do. No function runs as
# the default compute account, and no account gets owner or editor.
#
#   api       create/list/get/run task, tools, health, home   DB user; enqueues the plan stage
#   stages    plan and execute stages                         DB user; enqueues the next stage; reads OPENAI_API_KEY
#   verifier  verify stage                                    DB user only (it enqueues nothing, calls no LLM)
#   sweeper   sweep                                           DB user; re-enqueues stuck stages
#   invoker   the identity on Cloud Tasks' and Cloud Scheduler's OIDC tokens: the only caller of internal functions
#   gateway   the identity of the API gateway: the only caller of public functions
#   builder   Cloud Build's identity for building the functions

locals {
  runtime_accounts = {
    api      = "Taskchain public API functions"
    stages   = "Taskchain plan and execute stages"
    verifier = "Taskchain verify stage"
    sweeper  = "Taskchain sweep"
  }

  # Accounts whose functions create Cloud Tasks: run-task (plan), the plan and execute stages (the next stage)
  # and the sweep (re-enqueue). The verify stage is the last one and enqueues nothing.
  enqueuer_accounts = toset(["api", "stages", "sweeper"])

  sql_instance_condition = "resource.name == 'projects/${var.project_id}/instances/${google_sql_database_instance.main.name}' && resource.service == 'sqladmin.googleapis.com'"

  builder_roles = toset([
    "roles/cloudbuild.builds.builder",
    "roles/logging.logWriter",
    "roles/artifactregistry.writer",
  ])
}

resource "google_service_account" "runtime" {
  for_each = local.runtime_accounts

  account_id   = "${var.name_prefix}-${each.key}"
  display_name = each.value
}

resource "google_service_account" "invoker" {
  account_id   = "${var.name_prefix}-invoker"
  display_name = "Taskchain task invoker (Cloud Tasks and Cloud Scheduler OIDC)"
}

resource "google_service_account" "gateway" {
  account_id   = "${var.name_prefix}-gateway"
  display_name = "Taskchain API gateway backend identity"
}

resource "google_service_account" "builder" {
  account_id   = "${var.name_prefix}-builder"
  display_name = "Taskchain Cloud Functions build"
}

# --- Database: connect through the connector and log in as an IAM user, on this instance only -------------

resource "google_project_iam_member" "sql_client" {
  for_each = merge(
    { for key, sa in google_service_account.runtime : key => sa.member },
    { migrator = local.migrator_member },
  )

  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = each.value

  condition {
    title      = "only-${google_sql_database_instance.main.name}"
    expression = local.sql_instance_condition
  }
}

resource "google_project_iam_member" "sql_instance_user" {
  for_each = merge(
    { for key, sa in google_service_account.runtime : key => sa.member },
    { migrator = local.migrator_member },
  )

  project = var.project_id
  role    = "roles/cloudsql.instanceUser"
  member  = each.value

  condition {
    title      = "only-${google_sql_database_instance.main.name}"
    expression = local.sql_instance_condition
  }
}

# --- Queue: enqueue on this queue only, and act as the invoker only to sign the tasks' OIDC tokens ----------

resource "google_cloud_tasks_queue_iam_member" "enqueuer" {
  for_each = local.enqueuer_accounts

  name     = google_cloud_tasks_queue.stages.name
  location = google_cloud_tasks_queue.stages.location
  role     = "roles/cloudtasks.enqueuer"
  member   = google_service_account.runtime[each.key].member
}

resource "google_service_account_iam_member" "enqueuer_acts_as_invoker" {
  for_each = local.enqueuer_accounts

  service_account_id = google_service_account.invoker.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.runtime[each.key].member
}

# --- Who may call which function ----------------------------------------------------------------------------
# Granted on the functions' Cloud Run services: the Cloud Functions IAM resource does not accept run.invoker.

resource "google_cloud_run_v2_service_iam_member" "invoker_calls_internal" {
  for_each = { for key, fn in local.functions : key => fn if !fn.public }

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.fn[each.key].name
  role     = "roles/run.invoker"
  member   = google_service_account.invoker.member
}

resource "google_cloud_run_v2_service_iam_member" "gateway_calls_public" {
  for_each = { for key, fn in local.functions : key => fn if fn.public }

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.fn[each.key].name
  role     = "roles/run.invoker"
  member   = google_service_account.gateway.member
}

# --- Build ---------------------------------------------------------------------------------------------------

resource "google_project_iam_member" "builder" {
  for_each = local.builder_roles

  project = var.project_id
  role    = each.value
  member  = google_service_account.builder.member
}

resource "google_storage_bucket_iam_member" "builder_reads_source" {
  bucket = google_storage_bucket.source.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.builder.member
}
