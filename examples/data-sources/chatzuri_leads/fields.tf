# Leads per day, with no personal data in the state: only each lead's id
# and created_at are kept; its name, email and phone are null.
data "chatzuri_leads" "daily" {
  agent_id = "agt_sales"
  fields   = ["id", "created_at"]
}

output "leads_per_day" {
  value = {
    for day, ids in {
      for lead in data.chatzuri_leads.daily.leads : (lead.created_at == null ? "unknown" : substr(lead.created_at, 0, 10)) => lead.id...
    } : day => length(ids)
  }
}
