# Conversations per source, without transcripts or who the visitors were:
# messages and customer are null in every conversation.
data "chatzuri_conversations" "by_source" {
  agent_id = "agt_sales"
  fields   = ["id", "source"]
}

output "conversations_per_source" {
  value = {
    for source, ids in {
      for c in data.chatzuri_conversations.by_source.conversations : (c.source == null ? "-" : c.source) => c.id...
    } : source => length(ids)
  }
}
