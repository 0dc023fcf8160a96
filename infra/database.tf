# Cloud SQL for PostgreSQL 17 with IAM database authentication only: no database password exists anywhere.
#
# Functions reach it through the Cloud SQL Java connector (ORCHESTRATOR_CLOUDSQL_INSTANCE), which asks Cloud
# SQL for an ephemeral certificate and logs in as the function's service account with an OAuth token. The
# instance has a public IP but no authorized networks, so only the connector (IAM-checked) gets in.
#
# Connection budget: every instance of a function that uses the database holds up to ORCHESTRATOR_DB_POOL_SIZE
# connections, so  sum over those functions of (max instances x pool size)  + reserved  must stay below
# max_connections. The precondition on the instance fails the plan when it does not.

locals {
  db_connection_budget = sum([
    for key, fn in local.functions : local.sizing[key].max_instances * var.db_pool_size if contains(fn.env_groups, "db")
  ])

  # Cloud SQL IAM users of service accounts are named by the email without ".gserviceaccount.com".
  migrator_is_service_account = endswith(var.migrator_email, ".gserviceaccount.com")
  migrator_db_user            = local.migrator_is_service_account ? trimsuffix(var.migrator_email, ".gserviceaccount.com") : var.migrator_email
  migrator_member             = local.migrator_is_service_account ? "serviceAccount:${var.migrator_email}" : "user:${var.migrator_email}"
}

resource "google_sql_database_instance" "main" {
  name                = "${var.name_prefix}-pg"
  region              = var.region
  database_version    = "POSTGRES_17"
  deletion_protection = var.db_deletion_protection

  settings {
    # PostgreSQL 16+ defaults to Enterprise Plus, which has no small tiers; Enterprise keeps the cost low.
    edition           = "ENTERPRISE"
    tier              = var.db_tier
    availability_type = "ZONAL"
    disk_type         = "PD_SSD"
    disk_size         = 10
    disk_autoresize   = true
    user_labels       = local.labels

    ip_configuration {
      ipv4_enabled = true
      # No authorized networks: the connector is the only way in.
      ssl_mode = "ENCRYPTED_ONLY"
    }

    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }

    database_flags {
      name  = "max_connections"
      value = tostring(var.db_max_connections)
    }

    backup_configuration {
      enabled = var.db_backups_enabled
    }

    insights_config {
      query_insights_enabled = true
    }
  }

  lifecycle {
    precondition {
      condition     = local.db_connection_budget + var.db_reserved_connections < var.db_max_connections
      error_message = "Connection budget exceeded: the database functions may open ${local.db_connection_budget} connections (max instances x pool size ${var.db_pool_size}) plus ${var.db_reserved_connections} reserved, which is not below db_max_connections = ${var.db_max_connections}. Lower api_max_instances / stage_max_instances / db_pool_size or raise db_max_connections (and db_tier)."
    }
  }

  depends_on = [google_project_service.api]
}

resource "google_sql_database" "app" {
  name     = var.db_name
  instance = google_sql_database_instance.main.name
  # The instance goes with it on destroy; dropping the database first would fail while users own objects.
  deletion_policy = "ABANDON"
}

# One IAM database user per runtime service account. pg_read_all_data + pg_write_all_data give them DML on
# every table, present and future, and nothing else: no DDL, so a function can never change the schema.
resource "google_sql_user" "runtime" {
  for_each = google_service_account.runtime

  name            = trimsuffix(each.value.email, ".gserviceaccount.com")
  instance        = google_sql_database_instance.main.name
  type            = "CLOUD_IAM_SERVICE_ACCOUNT"
  database_roles  = ["pg_read_all_data", "pg_write_all_data"]
  deletion_policy = "ABANDON"
}

# The identity that runs `make migrate` owns the schema, so it gets cloudsqlsuperuser (Cloud SQL's admin role,
# not a PostgreSQL superuser) to create tables in the database.
resource "google_sql_user" "migrator" {
  name            = local.migrator_db_user
  instance        = google_sql_database_instance.main.name
  type            = local.migrator_is_service_account ? "CLOUD_IAM_SERVICE_ACCOUNT" : "CLOUD_IAM_USER"
  database_roles  = ["cloudsqlsuperuser"]
  deletion_policy = "ABANDON"
}
