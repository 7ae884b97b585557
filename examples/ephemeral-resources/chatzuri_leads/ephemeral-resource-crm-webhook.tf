# Pushes the agent's new leads on to a CRM webhook on every apply, without
# keeping any of them in the Terraform state or in a saved plan: the leads
# are ephemeral, they reach the command only through its environment, and
# Terraform suppresses the command's output (Terraform 1.11 or later).
variable "crm_webhook_url" {
  description = "Where the CRM accepts new contacts as a JSON list (POST)."
  type        = string
}

variable "since" {
  description = "Push the leads collected on or after this day (YYYY-MM-DD), such as the day of the last run; null pushes every lead."
  type        = string
  default     = null
}

ephemeral "chatzuri_leads" "new" {
  agent_id   = "agt_demo"
  start_date = var.since
  # Only what the CRM needs.
  fields = ["id", "created_at", "name", "email", "phone"]
}

resource "terraform_data" "push_new_leads" {
  # A provisioner runs when its resource is created: a new timestamp on
  # every plan makes every apply push. The timestamp, not the leads, is
  # what the state keeps.
  triggers_replace = plantimestamp()

  provisioner "local-exec" {
    command = "curl --fail --silent --show-error --request POST --header 'Content-Type: application/json' --data-binary \"$LEADS\" \"$CRM_WEBHOOK_URL\""
    environment = {
      LEADS           = jsonencode(ephemeral.chatzuri_leads.new.leads)
      CRM_WEBHOOK_URL = var.crm_webhook_url
    }
  }
}
