# The agent's leads, read in every plan and apply that needs them and never
# written to the state or to a saved plan.
ephemeral "chatzuri_leads" "recent" {
  agent_id   = "agt_demo"
  start_date = "2026-01-01"
}
