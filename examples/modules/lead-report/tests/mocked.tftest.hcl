# terraform test with a mocked provider: no API key, no network, no
# emulator. mock_data fills each list with what a run expects; a list not
# given is filled empty. See the guide "Testing configurations that use this
# provider".
mock_provider "chatzuri" {
  mock_data "chatzuri_agents" {
    defaults = {
      agents = [
        { id = "agt_demo", name = "Support (web)", created_at = "2025-07-25T15:00:00Z", owner_user_id = "usr_1" },
        { id = "agt_sales", name = "Sales", created_at = null, owner_user_id = null },
      ]
    }
  }

  mock_data "chatzuri_leads" {
    defaults = {
      leads = [
        # fields = ["created_at", "email"] leaves the rest null; a mock
        # gives each element whole, as the provider would.
        { id = "1", created_at = "2026-01-05T09:30:00Z", email = "a@example.com", name = null, phone = null, chatbot_id = null, chatbot_owner_user_id = null },
        { id = "2", created_at = "2026-01-05T17:00:00Z", email = null, name = null, phone = null, chatbot_id = null, chatbot_owner_user_id = null },
        # 23:30 two hours behind UTC is on 2026-01-06 in UTC.
        { id = "3", created_at = "2026-01-05 23:30:00-0200", email = "c@example.com", name = null, phone = null, chatbot_id = null, chatbot_owner_user_id = null },
        { id = "4", created_at = null, email = "d@example.com", name = null, phone = null, chatbot_id = null, chatbot_owner_user_id = null },
        { id = "5", created_at = "last tuesday", email = null, name = null, phone = null, chatbot_id = null, chatbot_owner_user_id = null },
      ]
    }
  }

  mock_data "chatzuri_conversations" {
    defaults = {
      conversations = [
        {
          id       = "c1", source = "WhatsApp", created_at = null, chatbot_id = null, customer = null,
          messages = [{ role = "user", content = "hi" }, { role = "assistant", content = "hello" }],
        },
        { id = "c2", source = null, created_at = null, chatbot_id = null, customer = null, messages = [] },
      ]
    }
  }
}

run "counts_the_mocked_lists" {
  command = plan

  assert {
    condition     = output.agent_name == "Support (web)"
    error_message = "the agent's name is not the mocked agent's"
  }
  assert {
    condition     = output.lead_count == 5
    error_message = "lead_count is not the 5 mocked leads"
  }
  assert {
    condition     = output.leads_with_email == 3
    error_message = "the lead with a null email was counted"
  }
  assert {
    condition     = output.leads_by_day == { "2026-01-05" = 2, "2026-01-06" = 1, "undated" = 2 }
    error_message = "leads_by_day is not the mocked leads by UTC day"
  }
  assert {
    condition     = output.conversations_by_source == { "WhatsApp" = 1, "unknown" = 1 }
    error_message = "conversations_by_source is not the mocked conversations by source"
  }
  assert {
    condition     = output.message_count == 2
    error_message = "message_count is not the mocked messages"
  }
}

# override_data replaces one data source's result in one run: here an agent
# with no leads, and an agent id the team does not have.
run "an_agent_with_no_leads" {
  command = plan

  variables {
    agent_id = "agt_new"
  }

  override_data {
    target = data.chatzuri_leads.agent
    values = {
      leads = []
    }
  }

  assert {
    condition     = output.lead_count == 0 && output.leads_by_day == {}
    error_message = "an empty list of leads did not give zero counts"
  }
  assert {
    condition     = output.agent_name == "(unknown agent)"
    error_message = "an agent the team does not have was found"
  }
}

run "an_empty_team" {
  command = plan

  override_data {
    target = data.chatzuri_agents.team
    values = {
      agents = []
    }
  }
  override_data {
    target = data.chatzuri_conversations.agent
    values = {
      conversations = []
    }
  }

  assert {
    condition     = output.agent_name == "(unknown agent)" && output.message_count == 0
    error_message = "an empty team or no conversations did not give the empty answers"
  }
}
