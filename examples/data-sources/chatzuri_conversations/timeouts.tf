# The whole read, every page and retry included, may take 10 minutes. Past
# that the read fails with an error; it never returns part of the list.
data "chatzuri_conversations" "bounded" {
  agent_id = "agt_sales"

  timeouts = {
    read = "10m"
  }
}
