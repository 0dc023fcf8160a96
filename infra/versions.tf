terraform {
  # `check` blocks and `import` need 1.5; optional() object attributes need 1.3.
  required_version = ">= 1.5"

  required_providers {
    google = {
      source = "hashicorp/google"
      # google_sql_user.database_roles (IAM users with PostgreSQL roles, no SQL step) is a 7.x feature.
      version = "~> 7.20"
    }
    google-beta = {
      # API Gateway resources exist only in the beta provider.
      source  = "hashicorp/google-beta"
      version = "~> 7.20"
    }
    archive = {
      # Zips the deploy jar locally; Cloud Functions takes its source as a zip in Cloud Storage.
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}
