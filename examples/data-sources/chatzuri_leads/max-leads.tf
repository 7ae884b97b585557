# At most 500 leads, the first ones in the API's order. If the agent has more,
# the list is cut and Terraform shows a warning on every plan.
data "chatzuri_leads" "first_500" {
  agent_id  = "agt_sales"
  max_leads = 500
}
