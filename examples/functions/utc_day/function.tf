# Leads per UTC day, on the days chatzuri_lead_counts counts them: utc_day
# converts each created_at to UTC whatever offset it was written with, and
# gives null for a lead without a date, which the for expression leaves out.
data "chatzuri_leads" "support" {
  agent_id = "agt_demo"
  fields   = ["created_at"]
}

locals {
  lead_days = [for l in data.chatzuri_leads.support.leads : provider::chatzuri::utc_day(l.created_at)]
}

output "leads_by_day" {
  value = { for day, days in { for d in local.lead_days : d => d... if d != null } : day => length(days) }
}

output "undated_leads" {
  value = length([for d in local.lead_days : d if d == null])
}

# 23:30 two hours behind UTC is 01:30 the next day in UTC.
output "late_evening_in_brazil" {
  value = provider::chatzuri::utc_day("2026-01-01T23:30:00-02:00") # "2026-01-02"
}
