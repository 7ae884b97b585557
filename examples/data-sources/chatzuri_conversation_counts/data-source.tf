# Conversations per source and per day, as numbers only: no transcript is
# in the state.
data "chatzuri_conversation_counts" "support" {
  agent_id = "agt_demo"
}

output "conversations_by_source" {
  value = merge(
    data.chatzuri_conversation_counts.support.by_source,
    { "(no source)" = data.chatzuri_conversation_counts.support.unknown_source },
  )
}

output "conversations_per_day" {
  value = data.chatzuri_conversation_counts.support.by_day
}
