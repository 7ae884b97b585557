terraform {
  required_providers {
    chatzuri = {
      source  = "chatzuri/chatzuri"
      version = "~> 0.1"
    }
  }
}

# An empty block takes the key from the CHATZURI_API_KEY environment
# variable, so it never appears in a file. Every setting also has an
# attribute: api_key, base_url, max_retries, max_concurrent_requests and
# request_timeout.
provider "chatzuri" {}

# The team's agents: each agent's id is the agent_id that chatzuri_leads and
# chatzuri_conversations take.
data "chatzuri_agents" "team" {}

output "agent_ids" {
  value = { for a in data.chatzuri_agents.team.agents : a.name => a.id }
}

# How many leads one agent collected, keeping no personal data in the state.
data "chatzuri_leads" "support" {
  agent_id = "agt_demo"
  fields   = ["id", "created_at"]
}

output "lead_count" {
  value = length(data.chatzuri_leads.support.leads)
}
