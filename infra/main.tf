# Project-wide pieces: the APIs the deployment uses and names shared by the other files.

locals {
  apis = toset([
    "apigateway.googleapis.com",
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "cloudtasks.googleapis.com",
    "iam.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "servicecontrol.googleapis.com",
    "servicemanagement.googleapis.com",
    "sqladmin.googleapis.com",
    "storage.googleapis.com",
  ])

  labels = merge(var.labels, { app = var.name_prefix })

  # LLM mode is the only reason a function reads OPENAI_API_KEY (secrets.tf).
  llm_enabled = var.planner_mode == "llm" || var.executor_mode == "llm"
}

resource "google_project_service" "api" {
  for_each = local.apis

  project = var.project_id
  service = each.value
  # Other workloads in the project may use the same APIs; destroying this deployment must not turn them off.
  disable_on_destroy = false
}
