output "gateway_url" {
  description = "The one base URL of the public API."
  value       = "https://${google_api_gateway_gateway.api.default_hostname}"
}

output "function_urls" {
  description = "URL of every function, by key. Public ones answer only the gateway's account, internal ones only the invoker's."
  value       = { for key, fn in google_cloudfunctions2_function.fn : key => fn.url }
}

output "queue_name" {
  description = "The Cloud Tasks queue's resource name (projects/P/locations/L/queues/Q)."
  value       = google_cloud_tasks_queue.stages.id
}

output "sql_connection_name" {
  description = "Cloud SQL instance connection name (project:region:instance): ORCHESTRATOR_CLOUDSQL_INSTANCE."
  value       = google_sql_database_instance.main.connection_name
}

output "database_name" {
  description = "The application database: ORCHESTRATOR_DB_NAME."
  value       = google_sql_database.app.name
}

output "migrator_db_user" {
  description = "ORCHESTRATOR_DB_IAM_USER for `make migrate` (the migrator's IAM database user)."
  value       = google_sql_user.migrator.name
}

output "openai_secret" {
  description = "Secret Manager secret that holds OPENAI_API_KEY (add a version before using llm mode)."
  value       = google_secret_manager_secret.openai_api_key.secret_id
}

output "service_accounts" {
  description = "Email of every service account, by role."
  value = merge(
    { for key, sa in google_service_account.runtime : key => sa.email },
    {
      invoker = google_service_account.invoker.email
      gateway = google_service_account.gateway.email
      builder = google_service_account.builder.email
    },
  )
}

output "db_connection_budget" {
  description = "Connections the database functions may open at most (max instances x pool size), against db_max_connections."
  value       = "${local.db_connection_budget} + ${var.db_reserved_connections} reserved < ${var.db_max_connections}"
}
