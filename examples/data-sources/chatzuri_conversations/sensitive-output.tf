data "chatzuri_conversations" "support" {
  agent_id          = "agt_demo"
  max_conversations = 100
}

# Transcripts are personal data and their fields are not marked sensitive in
# the schema, so mark outputs that carry them: Terraform then shows
# (sensitive value) instead of the text. A message's role or content can be
# null: test for null rather than use coalesce(m.content, ""), which fails on
# a null because coalesce skips empty strings too.
output "transcripts" {
  value = sensitive({
    for c in data.chatzuri_conversations.support.conversations : c.id => [
      for m in c.messages : "${m.role == null ? "?" : m.role}: ${m.content == null ? "" : m.content}"
    ]
  })
  sensitive = true
}
