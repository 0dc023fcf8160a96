# One base URL: API Gateway in front of the public functions, described by infra/openapi.yaml. The internal
# functions (stages, sweep) are not in the document and so are unreachable through the gateway.

locals {
  # ${<key>_url} placeholders of openapi.yaml, one per public function.
  openapi = templatefile("${path.module}/openapi.yaml", {
    for key, fn in local.functions : "${key}_url" => google_cloudfunctions2_function.fn[key].url if fn.public
  })
}

resource "google_api_gateway_api" "api" {
  provider = google-beta

  api_id       = "${var.name_prefix}-api"
  display_name = "Taskchain Orchestrator"
  labels       = local.labels

  depends_on = [google_project_service.api]
}

resource "google_api_gateway_api_config" "api" {
  provider = google-beta

  api                  = google_api_gateway_api.api.api_id
  api_config_id_prefix = "${var.name_prefix}-"
  display_name         = "Taskchain Orchestrator"
  labels               = local.labels

  openapi_documents {
    document {
      path     = "openapi.yaml"
      contents = base64encode(local.openapi)
    }
  }

  gateway_config {
    backend_config {
      # Without this the gateway would sign its backend calls as the default compute account.
      google_service_account = google_service_account.gateway.email
    }
  }

  lifecycle {
    # A changed document is a new config; the gateway moves to it before the old one is deleted.
    create_before_destroy = true
  }
}

resource "google_api_gateway_gateway" "api" {
  provider = google-beta

  gateway_id   = "${var.name_prefix}-gateway"
  display_name = "Taskchain Orchestrator"
  api_config   = google_api_gateway_api_config.api.id
  region       = var.gateway_region != "" ? var.gateway_region : var.region
  labels       = local.labels
}

# The API's own managed service must be enabled for the gateway to serve it.
resource "google_project_service" "gateway_managed_service" {
  project            = var.project_id
  service            = google_api_gateway_api.api.managed_service
  disable_on_destroy = false
}
