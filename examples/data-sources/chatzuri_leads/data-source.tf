# Every lead the agent collected, in the API's order, each lead once.
data "chatzuri_leads" "all" {
  agent_id = "agt_demo"
}

output "lead_count" {
  value = length(data.chatzuri_leads.all.leads)
}
