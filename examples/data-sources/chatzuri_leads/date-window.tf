# Leads collected in January 2026. Both days are included, and a day is a
# calendar day in UTC.
data "chatzuri_leads" "january" {
  agent_id   = "agt_sales"
  start_date = "2026-01-01"
  end_date   = "2026-01-31"
}
