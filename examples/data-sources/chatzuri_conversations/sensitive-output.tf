data "chatzuri_conversations" "support" {
  agent_id          = "agt_demo"
  max_conversations = 100
}

# Transcripts are personal data and their fields are not marked sensitive in
# the schema, so mark outputs that carry them: Terraform then shows
# (sensitive value) instead of the text.
output "transcripts" {
  value = sensitive({
    for c in data.chatzuri_conversations.support.conversations : c.id => [
      for m in c.messages : "${coalesce(m.role, "?")}: ${coalesce(m.content, "")}"
    ]
  })
  sensitive = true
}
