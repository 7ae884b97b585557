# An alert: a check block warns, on every plan and apply, when the agent
# collected no lead in the last 7 days (today, in UTC, and the 6 days
# before). A check's failure is a warning, not an error. The counts are read
# outside the check block, so that `plan -detailed-exitcode` still exits 0
# when nothing else changes: Terraform defers a data source scoped inside a
# check block to apply and shows it in every plan, which exits 2.
data "chatzuri_lead_counts" "last_7_days" {
  agent_id   = "agt_demo"
  start_date = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-144h"))
  end_date   = formatdate("YYYY-MM-DD", plantimestamp())
}

check "agent_collects_leads" {
  assert {
    condition     = data.chatzuri_lead_counts.last_7_days.total > 0
    error_message = "Agent agt_demo collected no lead in the last 7 days: check that its widget is still on the site."
  }
}
