package provider

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// readConversations runs the data source's Read against h, and reads the
// state back when it succeeded.
func readConversations(t *testing.T, h http.Handler, args map[string]tftypes.Value) (*datasource.ReadResponse, conversationsDataSourceModel) {
	t.Helper()
	resp := readOutsideTerraform(t, NewConversationsDataSource().(*conversationsDataSource), conversationsSchema(t), h, args)
	var model conversationsDataSourceModel
	if !resp.Diagnostics.HasError() {
		if diags := resp.State.Get(context.Background(), &model); diags.HasError() {
			t.Fatal(diags)
		}
	}
	return resp, model
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
	resp, model := readConversations(t, conversationsEmulator("agt", 12), map[string]tftypes.Value{
		"agent_id":          tftypes.NewValue(tftypes.String, "agt"),
		"max_conversations": tftypes.NewValue(tftypes.Number, 5),
		"page_size":         tftypes.NewValue(tftypes.Number, 5),
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if got := len(model.Conversations.Elements()); got != 5 {
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
	if model.ID.ValueString() != "agt?max_conversations=5" {
		t.Errorf("id = %s", model.ID)
	}
}

func TestConversationsRead_noWarningWhenTheAgentHasExactlyMaxConversations(t *testing.T) {
	resp, model := readConversations(t, conversationsEmulator("agt", 10), map[string]tftypes.Value{
		"agent_id":          tftypes.NewValue(tftypes.String, "agt"),
		"max_conversations": tftypes.NewValue(tftypes.Number, 10),
		"page_size":         tftypes.NewValue(tftypes.Number, 5),
	})
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("want no diagnostics, got %v", resp.Diagnostics)
	}
	if got := len(model.Conversations.Elements()); got != 10 {
		t.Fatalf("got %d conversations, want 10", got)
	}
}

func TestConversationsRead_filteredSourcesAreSent(t *testing.T) {
	emu := emulator.New(emulator.Options{APIKey: "k", Conversations: map[string][]emulator.Conversation{"agt": emulator.SeedConversations("agt", 40)}})
	resp, model := readConversations(t, emu, map[string]tftypes.Value{
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
	if len(model.Conversations.Elements()) == 0 {
		t.Fatal("test premise: some conversations come from the sources asked for")
	}
	for _, e := range model.Conversations.Elements() {
		if src := e.String(); !strings.Contains(src, `"WhatsApp"`) && !strings.Contains(src, `"Chatzuri site"`) {
			t.Errorf("conversation from another source: %s", src)
		}
	}
}

func TestConversationsRead_refusedSourcesNameTheFix(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"message":"Invalid filteredSources"}`))
	})
	resp, _ := readConversations(t, h, map[string]tftypes.Value{
		"agent_id":         tftypes.NewValue(tftypes.String, "agt"),
		"filtered_sources": sources("Slack"),
	})
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || !containsAll(errs[0].Detail(), "400", "start_date", "filtered_sources") {
		t.Fatalf("diagnostics = %v; want one error naming start_date and filtered_sources", resp.Diagnostics)
	}
}
