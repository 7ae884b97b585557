# The configuration `make demo` applies. It reads every lead of the
# emulator's demo agent and prints them as a table. The API key and base URL
# come from CHATZURI_API_KEY and CHATZURI_BASE_URL, which the demo points at
# the local emulator.
terraform {
  required_providers {
    chatzuri = {
      source = "chatzuri/chatzuri"
    }
  }
}

provider "chatzuri" {}

data "chatzuri_leads" "demo" {
  agent_id = "agt_demo"
}

locals {
  row = "%-17s  %-20s  %-18s  %-15s  %s"
  rows = [
    for l in data.chatzuri_leads.demo.leads : format(local.row,
      l.id,
      substr(l.created_at, 0, 16),
      coalesce(l.name, "-"),
      coalesce(l.phone, "-"),
      coalesce(l.email, "-"),
    )
  ]
}

output "lead_count" {
  value = length(data.chatzuri_leads.demo.leads)
}

# Lead fields are personal data: keep outputs that carry them sensitive.
output "leads_table" {
  value = join("\n", concat(
    [format(local.row, "ID", "CREATED (UTC)", "NAME", "PHONE", "EMAIL")],
    local.rows,
  ))
  sensitive = true
}
