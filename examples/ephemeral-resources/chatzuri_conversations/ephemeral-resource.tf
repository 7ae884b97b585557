# The agent's WhatsApp conversations, without their transcripts, read in
# every plan and apply that needs them and never written to the state or
# to a saved plan.
ephemeral "chatzuri_conversations" "whatsapp" {
  agent_id         = "agt_demo"
  filtered_sources = ["WhatsApp"]
  fields           = ["id", "created_at", "source"]
}
