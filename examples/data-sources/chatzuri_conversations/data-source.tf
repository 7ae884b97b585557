# Every conversation the agent had, in the API's order, each conversation once.
data "chatzuri_conversations" "all" {
  agent_id = "agt_demo"
}

output "conversation_count" {
  value = length(data.chatzuri_conversations.all.conversations)
}
