# OPENAI_API_KEY in Secret Manager. Terraform creates the secret but never its value, so the key is in neither
# the repository nor the Terraform state: add it with
#   printf %s "$OPENAI_API_KEY" | gcloud secrets versions add <name_prefix>-openai-api-key --data-file=-
# before setting planner_mode or executor_mode to llm (the functions mount it only then).
#
# Only the service accounts of functions marked llm = true in local.functions (the plan and execute stages) may
# read it; the verifier runs as its own account precisely so that it cannot.

locals {
  llm_accounts = toset([for key, fn in local.functions : fn.account if fn.llm])
}

resource "google_secret_manager_secret" "openai_api_key" {
  secret_id = "${var.name_prefix}-openai-api-key"
  labels    = local.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.api]
}

resource "google_secret_manager_secret_iam_member" "llm_reader" {
  for_each = local.llm_accounts

  secret_id = google_secret_manager_secret.openai_api_key.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.runtime[each.key].member

  lifecycle {
    precondition {
      # An account shared with a function that does not call the LLM would let that function read the key.
      condition     = alltrue([for key, fn in local.functions : fn.llm if fn.account == each.key])
      error_message = "Service account '${each.key}' reads OPENAI_API_KEY but also runs functions that do not call the LLM; give them their own account."
    }
  }
}
