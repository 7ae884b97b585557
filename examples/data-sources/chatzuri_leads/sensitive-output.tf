data "chatzuri_leads" "report" {
  agent_id = "agt_demo"
}

# Lead fields are not marked sensitive in the schema, so mark outputs that
# carry them: Terraform then shows (sensitive value) instead of the data.
# `terraform output -json lead_contacts` still prints it on purpose.
output "lead_contacts" {
  value = sensitive([
    for lead in data.chatzuri_leads.report.leads : {
      name  = lead.name
      email = lead.email
    }
  ])
  sensitive = true
}
