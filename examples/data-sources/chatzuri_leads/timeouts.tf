# A pipeline that must not wait long on Chatzuri: the whole read, every page
# and retry included, may take 5 minutes. Past that the read fails with an
# error; it never returns part of the list.
data "chatzuri_leads" "bounded" {
  agent_id = "agt_sales"

  timeouts = {
    read = "5m"
  }
}
