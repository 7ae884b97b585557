# A small module that reports on one agent: its name, how many leads it
# collected and on which UTC days (the days chatzuri_lead_counts counts them
# on), how many have an email address, and its conversations by source. No
# personal data leaves it: only counts and the agent's name. tests/ test it
# with a mocked provider: `terraform test`, no API key and no network.
terraform {
  # provider::chatzuri::utc_day, a provider-defined function, needs 1.8.
  required_version = ">= 1.8"

  required_providers {
    chatzuri = {
      source = "chatzuri/chatzuri"
    }
  }
}

variable "agent_id" {
  description = "The agent to report on."
  type        = string
  default     = "agt_demo"
}

data "chatzuri_agents" "team" {}

data "chatzuri_leads" "agent" {
  agent_id = var.agent_id
  fields   = ["created_at", "email"]
}

data "chatzuri_conversations" "agent" {
  agent_id = var.agent_id
  fields   = ["source", "messages"]
}

locals {
  agent = one([for a in data.chatzuri_agents.team.agents : a if a.id == var.agent_id])
  leads = data.chatzuri_leads.agent.leads
  # A lead counts on the UTC day of its created_at, the day
  # chatzuri_lead_counts counts it on: utc_day converts any offset to UTC
  # (23:30 at -02:00 is on the next day), and gives null for a lead without
  # a date, which counts as "undated".
  lead_ids_by_day = { for l in local.leads : coalesce(provider::chatzuri::utc_day(l.created_at), "undated") => l.id... }
  conversations   = data.chatzuri_conversations.agent.conversations
}

output "agent_name" {
  description = "The agent's name, or \"(unknown agent)\" when the team has no agent with that id."
  value       = local.agent == null ? "(unknown agent)" : coalesce(local.agent.name, "(unnamed)")
}

output "lead_count" {
  description = "How many leads the agent collected."
  value       = length(local.leads)
}

output "leads_with_email" {
  description = "How many of them left an email address."
  value       = length([for l in local.leads : l if l.email != null])
}

output "leads_by_day" {
  description = "Leads per UTC day of created_at (provider::chatzuri::utc_day: a timestamp with an offset counts on its day in UTC, a date without one on that date), \"undated\" for a lead without a date."
  value       = { for day, ids in local.lead_ids_by_day : day => length(ids) }
}

output "conversations_by_source" {
  description = "Conversations per source, \"unknown\" for a conversation without one."
  value       = { for source, ids in { for c in local.conversations : coalesce(c.source, "unknown") => c.id... } : source => length(ids) }
}

output "message_count" {
  description = "How many messages the agent's conversations hold."
  value       = length(flatten([for c in local.conversations : c.messages]))
}
