package provider

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// readConversations runs the data source's Read against h, and reads the
// conversations and the id back when it succeeded.
func readConversations(t *testing.T, h http.Handler, args map[string]tftypes.Value) (resp *datasource.ReadResponse, conversations []tftypes.Value, id string) {
	t.Helper()
	resp = readOutsideTerraform(t, NewConversationsDataSource().(datasource.DataSourceWithConfigure), h, args)
	if !resp.Diagnostics.HasError() {
		conversations = stateList(t, resp.State.Raw, "conversations")
		id = *stateString(t, resp.State.Raw, "id")
	}
	return resp, conversations, id
}

func conversationsEmulator(agent string, n int) http.Handler {
	return emulator.New(emulator.Options{APIKey: "k", Conversations: map[string][]emulator.Conversation{agent: emulator.SeedConversations(agent, n)}})
}

func sources(values ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

func TestConversationsRead_maxConversationsWarnsWhenTheListIsCut(t *testing.T) {
	resp, got, id := readConversations(t, conversationsEmulator("agt", 12), map[string]tftypes.Value{
		"agent_id":          tftypes.NewValue(tftypes.String, "agt"),
		"max_conversations": tftypes.NewValue(tftypes.Number, 5),
		"page_size":         tftypes.NewValue(tftypes.Number, 5),
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if got := len(got); got != 5 {
		t.Fatalf("got %d conversations, want 5", got)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("got %d warnings, want 1: %v", len(warnings), resp.Diagnostics)
	}
	w := warnings[0]
	if pathOf(w) != "max_conversations" || !strings.Contains(w.Summary(), "cut to max_conversations") || !containsAll(w.Detail(), `"agt"`, "more than 5") {
		t.Errorf("warning on %q: %q / %q", pathOf(w), w.Summary(), w.Detail())
	}
	if id != "agt?max_conversations=5" {
		t.Errorf("id = %s", id)
	}
}

func TestConversationsRead_noWarningWhenTheAgentHasExactlyMaxConversations(t *testing.T) {
	resp, got, _ := readConversations(t, conversationsEmulator("agt", 10), map[string]tftypes.Value{
		"agent_id":          tftypes.NewValue(tftypes.String, "agt"),
		"max_conversations": tftypes.NewValue(tftypes.Number, 10),
		"page_size":         tftypes.NewValue(tftypes.Number, 5),
	})
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("want no diagnostics, got %v", resp.Diagnostics)
	}
	if got := len(got); got != 10 {
		t.Fatalf("got %d conversations, want 10", got)
	}
}

func TestConversationsRead_filteredSourcesAreSent(t *testing.T) {
	emu := emulator.New(emulator.Options{APIKey: "k", Conversations: map[string][]emulator.Conversation{"agt": emulator.SeedConversations("agt", 40)}})
	resp, got, _ := readConversations(t, emu, map[string]tftypes.Value{
		"agent_id":         tftypes.NewValue(tftypes.String, "agt"),
		"filtered_sources": sources("WhatsApp", "Chatzuri site"),
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
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
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"message":"Invalid filteredSources"}`))
	})
	resp, _, _ := readConversations(t, h, map[string]tftypes.Value{
		"agent_id":         tftypes.NewValue(tftypes.String, "agt"),
		"filtered_sources": sources("Slack"),
	})
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || !containsAll(errs[0].Detail(), "400", "start_date", "filtered_sources") {
		t.Fatalf("diagnostics = %v; want one error naming start_date and filtered_sources", resp.Diagnostics)
	}
}
