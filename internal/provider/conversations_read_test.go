package provider

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// readConversations reads chatzuri_conversations from h through the
// provider's server, and the conversations and the id when it succeeded.
func readConversations(t *testing.T, h http.Handler, args map[string]tftypes.Value) (resp *tfprotov6.ReadDataSourceResponse, conversations []tftypes.Value, id string) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ps := configuredServerAt(t, srv.URL)
	resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, "chatzuri_conversations", args))
	if err != nil {
		t.Fatal(err)
	}
	if !hasError(resp.Diagnostics) {
		state, _ := resp.State.Unmarshal(stateType(t, ps, "chatzuri_conversations"))
		conversations = stateList(t, state, "conversations")
		id = *stateString(t, state, "id")
	}
	return resp, conversations, id
}

func conversationsEmulator(agent string, n int) *emulator.Server {
	return emulator.New(emulator.Options{APIKey: "k", Conversations: map[string][]emulator.Conversation{agent: emulator.SeedConversations(agent, n)}})
}

func TestConversationsRead_filteredSourcesAreSent(t *testing.T) {
	t.Parallel()
	emu := conversationsEmulator("agt", 40)
	resp, got, _ := readConversations(t, emu, map[string]tftypes.Value{
		"agent_id":         tftypes.NewValue(tftypes.String, "agt"),
		"filtered_sources": stringList("WhatsApp", "Chatzuri site"),
	})
	if hasError(resp.Diagnostics) {
		t.Fatal(diagnosticsText(resp.Diagnostics))
	}
	for _, q := range emu.Queries() {
		if q.Get("filteredSources") != "WhatsApp,Chatzuri site" {
			t.Fatalf("filteredSources = %q", q.Get("filteredSources"))
		}
	}
	if len(got) == 0 {
		t.Fatal("test premise: some conversations come from the sources asked for")
	}
	for _, c := range got {
		if src := stateString(t, c, "source"); src == nil || (*src != "WhatsApp" && *src != "Chatzuri site") {
			t.Errorf("conversation from another source: %v", c)
		}
	}
}

func TestConversationsRead_refusedSourcesNameTheFix(t *testing.T) {
	t.Parallel()
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"message":"Invalid filteredSources"}`))
	})
	resp, _, _ := readConversations(t, h, map[string]tftypes.Value{
		"agent_id":         tftypes.NewValue(tftypes.String, "agt"),
		"filtered_sources": stringList("Slack"),
	})
	if len(resp.Diagnostics) != 1 || !containsAll(resp.Diagnostics[0].Detail, "400", "start_date", "filtered_sources") {
		t.Fatalf("diagnostics = %v; want one error naming start_date and filtered_sources", diagnosticsText(resp.Diagnostics))
	}
}
