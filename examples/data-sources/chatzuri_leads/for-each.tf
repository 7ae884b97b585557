data "chatzuri_leads" "crm" {
  agent_id = "agt_demo"
}

# One instance per lead, keyed by the lead's id: unique, never null, and it
# does not change when the visitor edits their details. Never key by email:
# emails can be null or repeated (both are errors in for_each), and the key
# is printed in every plan as part of the instance address.
resource "terraform_data" "crm_contact" {
  for_each = { for lead in data.chatzuri_leads.crm.leads : lead.id => lead }

  input = {
    name  = each.value.name
    email = each.value.email
    phone = each.value.phone
  }
}
