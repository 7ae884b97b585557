# Every agent of the team the API key belongs to, in the API's order.
data "chatzuri_agents" "team" {}

output "agent_names" {
  value = { for a in data.chatzuri_agents.team.agents : a.id => a.name }
}
