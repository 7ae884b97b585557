data "chatzuri_leads" "export" {
  agent_id = "agt_sales"
}

# The whole list as one value for a downstream step, keeping only leads that
# left an email address. The list keeps the API's order.
resource "terraform_data" "mailing_list" {
  input = [
    for lead in data.chatzuri_leads.export.leads : {
      id         = lead.id
      name       = lead.name
      email      = lead.email
      created_at = lead.created_at
    }
    if lead.email != null
  ]
}
