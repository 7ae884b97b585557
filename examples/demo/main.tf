# The configuration `make demo` applies. It reads every lead and every
# conversation of the emulator's demo agent, and prints the leads as a table
# and a summary of the conversations. The API key and base URL
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

data "chatzuri_conversations" "demo" {
  agent_id = "agt_demo"
}

locals {
  conversations = data.chatzuri_conversations.demo.conversations
  # Conversation ids grouped by source; a null source shows as "-".
  ids_by_source = { for c in local.conversations : coalesce(c.source, "-") => c.id... }
  first         = length(local.conversations) > 0 ? local.conversations[0] : null
}

# Counts only, no personal data: not sensitive.
output "conversations_summary" {
  value = join("\n", concat(
    [format("%-18s  %s", "SOURCE", "CONVERSATIONS")],
    [for source in sort(keys(local.ids_by_source)) : format("%-18s  %d", source, length(local.ids_by_source[source]))],
    [format("%-18s  %d", "total", length(local.conversations))],
  ))
}

# A transcript is personal data: keep outputs that carry it sensitive.
output "first_conversation" {
  value = local.first == null ? "(no conversations)" : join("\n", concat(
    [format("%s, %s, %s, %d messages:", local.first.id, substr(coalesce(local.first.created_at, "-"), 0, 16),
    coalesce(local.first.source, "-"), length(local.first.messages))],
    [for m in local.first.messages : format("  %-9s  %s", coalesce(m.role, "-"), replace(coalesce(m.content, "-"), "\n", " / "))],
  ))
  sensitive = true
}
