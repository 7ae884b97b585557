# The configuration `make demo` applies. It reads every lead and every
# conversation of the emulator's demo agent, and prints the leads as a table,
# a summary of the conversations and the newest conversation's messages. The
# API key and base URL come from CHATZURI_API_KEY and CHATZURI_BASE_URL, which
# the demo points at the local emulator.
terraform {
  required_providers {
    chatzuri = {
      source  = "chatzuri/chatzuri"
      version = "~> 0.1"
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
      l.created_at == null ? "-" : substr(l.created_at, 0, 16),
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

  # The newest conversation, by created_at: the list keeps the API's order,
  # which is not documented, so conversations[0] need not be the newest.
  # created_at is an RFC 3339 time in UTC, so its strings sort in time order.
  # Conversations without a created_at are left out.
  created_ats = sort([for c in local.conversations : c.created_at if c.created_at != null])
  newest_at   = length(local.created_ats) > 0 ? local.created_ats[length(local.created_ats) - 1] : null
  newest      = local.newest_at == null ? null : [for c in local.conversations : c if c.created_at == local.newest_at][0]
}

# Counts only, no personal data: not sensitive.
output "conversations_summary" {
  value = join("\n", concat(
    [format("%-18s  %s", "SOURCE", "CONVERSATIONS")],
    [for source in sort(keys(local.ids_by_source)) : format("%-18s  %d", source, length(local.ids_by_source[source]))],
    [format("%-18s  %d", "total", length(local.conversations))],
  ))
}

# A transcript is personal data: keep outputs that carry it sensitive. A
# message's role or content can be null, shown as "-".
output "newest_conversation" {
  value = local.newest == null ? "(no conversations)" : join("\n", concat(
    [format("%s, %s, %s, %d messages:", local.newest.id, substr(local.newest.created_at, 0, 16),
    coalesce(local.newest.source, "-"), length(local.newest.messages))],
    [for m in local.newest.messages : format("  %-9s  %s", coalesce(m.role, "-"), replace(coalesce(m.content, "-"), "\n", " / "))],
  ))
  sensitive = true
}

# The team's agents, and each one's lead counts: a new agent is read without
# any change to this file. chatzuri_lead_counts keeps only numbers, no lead.
data "chatzuri_agents" "team" {}

data "chatzuri_lead_counts" "team" {
  for_each = { for a in data.chatzuri_agents.team.agents : a.id => a }
  agent_id = each.key
}

locals {
  # The last UTC day each agent collected a lead on: by_day's keys are
  # YYYY-MM-DD, so they sort in time order.
  last_lead_day = { for id, c in data.chatzuri_lead_counts.team : id => length(c.by_day) == 0 ? "-" : reverse(sort(keys(c.by_day)))[0] }
}

# Counts only, no personal data: not sensitive.
output "agents_table" {
  value = join("\n", concat(
    [format("%-10s  %-18s  %-16s  %5s  %s", "ID", "NAME", "CREATED (UTC)", "LEADS", "LAST LEAD (UTC)")],
    [for a in data.chatzuri_agents.team.agents : format("%-10s  %-18s  %-16s  %5d  %s",
      a.id, coalesce(a.name, "-"), substr(coalesce(a.created_at, "-"), 0, 16),
    data.chatzuri_lead_counts.team[a.id].total, local.last_lead_day[a.id])],
  ))
}
