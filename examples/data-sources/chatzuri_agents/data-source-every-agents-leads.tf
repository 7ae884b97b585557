# Every lead of every agent of the team: one chatzuri_leads per agent, keyed
# by the agent's id (unique and stable, unlike its name), flattened into one
# list in which each lead carries its agent's name.
data "chatzuri_agents" "all" {}

locals {
  agent_names = { for a in data.chatzuri_agents.all.agents : a.id => a.name }
}

data "chatzuri_leads" "all" {
  for_each = local.agent_names
  agent_id = each.key
}

locals {
  team_leads = flatten([
    for id, d in data.chatzuri_leads.all : [
      for l in d.leads : merge(l, { agent_name = local.agent_names[id] })
    ]
  ])
}

# Counts only, no personal data: not sensitive.
output "lead_count_by_agent" {
  value = { for id, d in data.chatzuri_leads.all : "${local.agent_names[id]} (${id})" => length(d.leads) }
}

output "team_lead_count" {
  value = length(local.team_leads)
}

# Lead fields are personal data: keep outputs that carry them sensitive.
output "team_leads" {
  value     = local.team_leads
  sensitive = true
}
