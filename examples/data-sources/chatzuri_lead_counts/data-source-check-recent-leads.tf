# An alert: a check block warns, on every plan and apply, when the agent
# collected no lead in the last 7 days (today, in UTC, and the 6 days
# before). A check's failure is a warning, not an error. The scoped data
# source is read again on each run and shows only its counts in the plan.
check "agent_collects_leads" {
  data "chatzuri_lead_counts" "last_7_days" {
    agent_id   = "agt_demo"
    start_date = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-144h"))
    end_date   = formatdate("YYYY-MM-DD", plantimestamp())
  }

  assert {
    condition     = data.chatzuri_lead_counts.last_7_days.total > 0
    error_message = "Agent agt_demo collected no lead in the last 7 days: check that its widget is still on the site."
  }
}
