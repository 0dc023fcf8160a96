# Cloud deployment targets (infra/README.md). Included from the top-level Makefile, which defines `package` and
# `migrate`.
TERRAFORM ?= terraform
INFRA_DIR := infra

.PHONY: deploy destroy infra-check migrate-cloud

deploy: package ## Build the jar, then create or update the Google Cloud deployment (infra/terraform.tfvars)
	@test -f $(INFRA_DIR)/terraform.tfvars || { \
	  echo "infra/terraform.tfvars is missing: cp infra/terraform.tfvars.example infra/terraform.tfvars and fill it in" >&2; \
	  exit 1; }
	$(TERRAFORM) -chdir=$(INFRA_DIR) init -input=false
	$(TERRAFORM) -chdir=$(INFRA_DIR) apply -input=false
	@echo "Deployed. Apply the schema with: make migrate-cloud"
	@echo "API: $$($(TERRAFORM) -chdir=$(INFRA_DIR) output -raw gateway_url)"

destroy: ## Delete the Google Cloud deployment (first set db_deletion_protection = false and deploy)
	@# Terraform hashes the jar while planning, so a destroy needs one too.
	@ls functions/cloud/target/taskchain-functions-*-deploy.jar >/dev/null 2>&1 || $(MAKE) package
	$(TERRAFORM) -chdir=$(INFRA_DIR) init -input=false
	$(TERRAFORM) -chdir=$(INFRA_DIR) destroy -input=false

infra-check: ## terraform fmt -check on infra/ (skipped, successfully, when terraform is not installed)
	@if command -v $(TERRAFORM) >/dev/null 2>&1; then \
	  $(TERRAFORM) fmt -check -recursive $(INFRA_DIR) && echo "infra: terraform fmt ok"; \
	else \
	  echo "terraform not installed: skipping fmt check"; \
	fi

migrate-cloud: ## Apply migrations/ to the deployed Cloud SQL database, as migrator_email through ADC
	ORCHESTRATOR_CLOUDSQL_INSTANCE="$$($(TERRAFORM) -chdir=$(INFRA_DIR) output -raw sql_connection_name)" \
	ORCHESTRATOR_DB_NAME="$$($(TERRAFORM) -chdir=$(INFRA_DIR) output -raw database_name)" \
	ORCHESTRATOR_DB_IAM_USER="$$($(TERRAFORM) -chdir=$(INFRA_DIR) output -raw migrator_db_user)" \
	$(MAKE) migrate
