package provider

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// configuredServer is a provider server configured against an emulator.
func configuredServer(t *testing.T, opts emulator.Options) *providerServer {
	t.Helper()
	opts.APIKey = "k"
	srv := httptest.NewServer(emulator.New(opts))
	t.Cleanup(srv.Close)
	return configuredServerAt(t, srv.URL)
}

// configuredServerAt is a provider server configured against a server.
func configuredServerAt(t *testing.T, url string) *providerServer {
	t.Helper()
	ps, err := NewProviderServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schemas, err := ps.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	provType := schemas.Provider.ValueType()
	config, err := tfprotov6.NewDynamicValue(provType, tftypes.NewValue(provType, map[string]tftypes.Value{
		"api_key":                 tftypes.NewValue(tftypes.String, "k"),
		"base_url":                tftypes.NewValue(tftypes.String, url+"/api/v1"),
		"max_retries":             tftypes.NewValue(tftypes.Number, 0),
		"max_concurrent_requests": tftypes.NewValue(tftypes.Number, 3),
		"request_timeout":         tftypes.NewValue(tftypes.String, nil),
	}))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ps.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config, TerraformVersion: "1.11.4"})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	return ps.(*providerServer)
}

// stateType is the state type of the data source typeName.
func stateType(t *testing.T, ps tfprotov6.ProviderServer, typeName string) tftypes.Object {
	t.Helper()
	schemas, err := ps.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return schemas.DataSourceSchemas[typeName].ValueType().(tftypes.Object)
}

// readRequest is Terraform's request to read typeName with args (the rest null).
func readRequest(t *testing.T, ps tfprotov6.ProviderServer, typeName string, args map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	t.Helper()
	typ := stateType(t, ps, typeName)
	vals := map[string]tftypes.Value{}
	for name, ty := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(ty, nil)
	}
	for name, v := range args {
		vals[name] = v
	}
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &config}
}

// The server writes a list's state with the list's encoder; the framework
// alone writes it through terraform-plugin-go. Both must be the same, byte
// for byte, with the same diagnostics.
func TestListReads_fastStateIsTheFrameworksStateByteForByte(t *testing.T) {
	stringIDs := emulator.SeedLeads("agt_str", 20)
	for i := range stringIDs {
		stringIDs[i].ID, stringIDs[i].NumericID = fmt.Sprintf("lead_%d", i), false
	}
	seeded := emulator.SeedLeads("agt_mix", 61)
	conversations := emulator.SeedConversations("agt_mix", 45) // nulls, absent fields, null, absent and empty messages
	ps := configuredServer(t, emulator.Options{
		MaxPageSize:   7,
		Leads:         map[string][]emulator.Lead{"agt_mix": seeded, "agt_str": stringIDs, "agt_empty": {}},
		Conversations: map[string][]emulator.Conversation{"agt_mix": conversations},
	})
	// The team's agents, seven of them at three a page, in each vendor's shape.
	team := map[string][]emulator.Lead{}
	for i := range 7 {
		team[fmt.Sprintf("agt_%d", i)] = nil
	}
	chatzuriAgents := configuredServer(t, emulator.Options{MaxPageSize: 3, Leads: team, AgentShape: emulator.AgentShapeChatzuri})
	chatbaseAgents := configuredServer(t, emulator.Options{MaxPageSize: 3, Leads: team, AgentShape: emulator.AgentShapeChatbase})
	elsewhere := httptest.NewServer(emulator.New(emulator.Options{APIKey: "k", Leads: team}))
	t.Cleanup(elsewhere.Close)
	notTheAPI := configuredServerAt(t, elsewhere.URL+"/not-the-api") // every request answers 404
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	day := func(i int) string { return seeded[i].CreatedAt.Format("2006-01-02") }
	timeouts := tftypes.NewValue(stateType(t, ps, "chatzuri_leads").AttributeTypes["timeouts"], map[string]tftypes.Value{"read": str("5m")})

	cases := []struct {
		name, typeName string
		args           map[string]tftypes.Value
		server         *providerServer // nil is ps
	}{
		{"leads: nulls and omitted fields, unicode", "chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_mix")}, nil},
		{"leads: string ids, page size set", "chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_str"), "page_size": num(4)}, nil},
		{"leads: date window", "chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_mix"), "start_date": str(day(10)), "end_date": str(day(40))}, nil},
		{"leads: cut by max_leads, with its warning", "chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_mix"), "max_leads": num(9), "page_size": num(5)}, nil},
		{"leads: empty agent", "chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_empty")}, nil},
		{"leads: timeouts set", "chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_mix"), "timeouts": timeouts}, nil},
		{"leads: unknown agent, an error", "chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_nobody")}, nil},
		{"conversations: nulls, absent fields, empty and missing messages, unicode, string and number ids", "chatzuri_conversations", map[string]tftypes.Value{"agent_id": str("agt_mix")}, nil},
		{"conversations: cut by max_conversations, with its warning", "chatzuri_conversations", map[string]tftypes.Value{"agent_id": str("agt_mix"), "max_conversations": num(11)}, nil},
		{"conversations: empty agent", "chatzuri_conversations", map[string]tftypes.Value{"agent_id": str("agt_empty")}, nil},
		{"conversations: unknown agent, an error", "chatzuri_conversations", map[string]tftypes.Value{"agent_id": str("agt_nobody")}, nil},
		{"agents: Chatzuri's shape, paged", "chatzuri_agents", nil, chatzuriAgents},
		{"agents: Chatbase's shape, owner null, paged", "chatzuri_agents", nil, chatbaseAgents},
		{"agents: base_url is not the API, an error", "chatzuri_agents", nil, notTheAPI},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps := ps
			if tc.server != nil {
				ps = tc.server
			}
			ctx := context.Background()
			got, err := ps.ReadDataSource(ctx, readRequest(t, ps, tc.typeName, tc.args))
			if err != nil {
				t.Fatal(err)
			}
			want, err := ps.ProviderServer.ReadDataSource(ctx, readRequest(t, ps, tc.typeName, tc.args))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(diagnosticsText(got.Diagnostics)) != fmt.Sprint(diagnosticsText(want.Diagnostics)) {
				t.Fatalf("diagnostics differ:\n got %v\nwant %v", diagnosticsText(got.Diagnostics), diagnosticsText(want.Diagnostics))
			}
			if strings.Contains(tc.name, "warning") && len(got.Diagnostics) != 1 {
				t.Fatalf("test premise: one warning, got %v", diagnosticsText(got.Diagnostics))
			}
			if strings.Contains(tc.name, "error") {
				if !hasError(got.Diagnostics) {
					t.Fatalf("test premise: an error, got %v", diagnosticsText(got.Diagnostics))
				}
				return // Terraform ignores the state of a failed read
			}
			if !bytes.Equal(got.State.MsgPack, want.State.MsgPack) {
				typ := stateType(t, ps, tc.typeName)
				gv, _ := got.State.Unmarshal(typ)
				wv, _ := want.State.Unmarshal(typ)
				t.Fatalf("states differ (%d vs %d bytes; equal as values: %v)", len(got.State.MsgPack), len(want.State.MsgPack), gv.Equal(wv))
			}
			if strings.Contains(tc.name, "empty") {
				return
			}
			v, _ := got.State.Unmarshal(stateType(t, ps, tc.typeName))
			if n := len(stateList(t, v, strings.TrimPrefix(tc.typeName, "chatzuri_"))); n < 5 {
				t.Fatalf("test premise: a list of several items, got %d", n)
			}
		})
	}
}

func diagnosticsText(diags []*tfprotov6.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		attr := ""
		if d.Attribute != nil {
			attr = d.Attribute.String()
		}
		out = append(out, fmt.Sprintf("%v|%s|%s|%s", d.Severity, attr, d.Summary, d.Detail))
	}
	return out
}

func TestListReads_beforeConfigureIsAnError(t *testing.T) {
	ps, err := NewProviderServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	agent := map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, "a")}
	for typeName, args := range map[string]map[string]tftypes.Value{"chatzuri_leads": agent, "chatzuri_conversations": agent, "chatzuri_agents": nil} {
		resp, err := ps.ReadDataSource(context.Background(), readRequest(t, ps, typeName, args))
		if err != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Provider not configured" {
			t.Fatalf("%s: got %v, %v; want the not-configured error", typeName, err, diagnosticsText(resp.Diagnostics))
		}
	}
}

// Terraform cancels a read (Ctrl-C) by cancelling its context: the read must
// stop within 2 s, mid-pagination, and leave no goroutine behind.
func TestListReads_stopPromptlyWhenCancelled(t *testing.T) {
	before := runtime.NumGoroutine()
	srv := httptest.NewServer(emulator.New(emulator.Options{APIKey: "k", Latency: 300 * time.Millisecond, MaxPageSize: 10,
		Leads: map[string][]emulator.Lead{"agt_big": emulator.SeedLeads("agt_big", 5000)}}))
	ps := configuredServerAt(t, srv.URL)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(700*time.Millisecond, cancel) // a few pages in: 500 pages would take 15 s
	started := time.Now()
	resp, err := ps.ReadDataSource(ctx, readRequest(t, ps, "chatzuri_leads", map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, "agt_big")}))
	elapsed := time.Since(started)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Summary, "cancelled") {
		t.Fatalf("diagnostics = %v, want one saying the read was cancelled", diagnosticsText(resp.Diagnostics))
	}
	if elapsed > 700*time.Millisecond+2*time.Second {
		t.Errorf("the read went on for %s after it was cancelled", (elapsed - 700*time.Millisecond).Round(10*time.Millisecond))
	}

	srv.Close() // ends the keep-alive connections and their goroutines
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines left after the read, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// The ephemeral resources' results are spliced as the data sources' states
// are: the same bytes as the framework's own encoding.
func TestListReads_fastEphemeralResultIsTheFrameworksResultByteForByte(t *testing.T) {
	ps := configuredServer(t, emulator.Options{
		MaxPageSize:   7,
		Leads:         map[string][]emulator.Lead{"agt_mix": emulator.SeedLeads("agt_mix", 31)},
		Conversations: map[string][]emulator.Conversation{"agt_mix": emulator.SeedConversations("agt_mix", 29)},
	})
	ctx := context.Background()
	schemas, err := ps.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	for _, tc := range []struct {
		typeName string
		args     map[string]tftypes.Value
	}{
		{"chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_mix")}},
		{"chatzuri_conversations", map[string]tftypes.Value{"agent_id": str("agt_mix")}},
		{"chatzuri_leads", map[string]tftypes.Value{"agent_id": str("agt_mix"),
			"fields": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("email"), str("id")})}},
	} {
		t.Run(tc.typeName, func(t *testing.T) {
			typ := schemas.EphemeralResourceSchemas[tc.typeName].ValueType().(tftypes.Object)
			vals := map[string]tftypes.Value{}
			for name, ty := range typ.AttributeTypes {
				vals[name] = tftypes.NewValue(ty, nil)
			}
			for name, v := range tc.args {
				vals[name] = v
			}
			config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
			if err != nil {
				t.Fatal(err)
			}
			req := &tfprotov6.OpenEphemeralResourceRequest{TypeName: tc.typeName, Config: &config}
			got, err := ps.OpenEphemeralResource(ctx, req)
			if err != nil || hasError(got.Diagnostics) {
				t.Fatalf("open: %v %v", err, diagnosticsText(got.Diagnostics))
			}
			want, err := ps.ProviderServer.OpenEphemeralResource(ctx, req)
			if err != nil || hasError(want.Diagnostics) {
				t.Fatalf("open: %v %v", err, diagnosticsText(want.Diagnostics))
			}
			if !bytes.Equal(got.Result.MsgPack, want.Result.MsgPack) {
				t.Fatalf("results differ (%d vs %d bytes)", len(got.Result.MsgPack), len(want.Result.MsgPack))
			}
			v, _ := got.Result.Unmarshal(typ)
			if n := len(stateList(t, v, strings.TrimPrefix(tc.typeName, "chatzuri_"))); n < 29 {
				t.Fatalf("test premise: the whole list, got %d items", n)
			}
		})
	}
}

func TestListReads_idNamesTheSelectionWhateverTheOrderOfSources(t *testing.T) {
	h := conversationsEmulator("agt", 3)
	var ids []string
	for _, order := range [][]string{{"WhatsApp", "API"}, {"API", "WhatsApp"}} {
		_, _, id := readConversations(t, h, map[string]tftypes.Value{
			"agent_id":          tftypes.NewValue(tftypes.String, "agt"),
			"filtered_sources":  sources(order...),
			"start_date":        tftypes.NewValue(tftypes.String, "2026-01-01"),
			"max_conversations": tftypes.NewValue(tftypes.Number, 5),
			"page_size":         tftypes.NewValue(tftypes.Number, 7),
		})
		ids = append(ids, id)
	}
	if want := "agt?filtered_sources=API,WhatsApp&max_conversations=5&start_date=2026-01-01"; ids[0] != want || ids[1] != want {
		t.Errorf("ids = %q, want both %q (page_size left out, sources sorted)", ids, want)
	}
}
