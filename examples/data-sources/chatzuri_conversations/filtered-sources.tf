# WhatsApp and website-widget conversations of January 2026. Sources must be
# spelled as Chatzuri documents them; both days are included, in UTC.
data "chatzuri_conversations" "january_chats" {
  agent_id         = "agt_sales"
  start_date       = "2026-01-01"
  end_date         = "2026-01-31"
  filtered_sources = ["WhatsApp", "Widget or Iframe"]
}

output "messages_per_conversation" {
  value = {
    for c in data.chatzuri_conversations.january_chats.conversations : c.id => length(c.messages)
  }
}
