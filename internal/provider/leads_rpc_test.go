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
func configuredServer(t *testing.T, agents map[string][]emulator.Lead) *providerServer {
	t.Helper()
	srv := httptest.NewServer(emulator.New(emulator.Options{APIKey: "k", MaxPageSize: 7, Agents: agents}))
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

func leadsReadRequest(t *testing.T, args map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	t.Helper()
	typ := leadsStateType()
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
	return &tfprotov6.ReadDataSourceRequest{TypeName: leadsTypeName, Config: &config}
}

func TestLeadsRPCReadMatchesTheFrameworkRead(t *testing.T) {
	stringIDs := emulator.SeedLeads("agt_str", 20)
	for i := range stringIDs {
		stringIDs[i].ID, stringIDs[i].NumericID = fmt.Sprintf("lead_%d", i), false
	}
	seeded := emulator.SeedLeads("agt_mix", 61)
	ps := configuredServer(t, map[string][]emulator.Lead{"agt_mix": seeded, "agt_str": stringIDs, "agt_empty": {}})
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	day := func(i int) string { return seeded[i].CreatedAt.Format("2006-01-02") }

	cases := map[string]map[string]tftypes.Value{
		"every lead, nulls and omitted fields": {"agent_id": str("agt_mix")},
		"string ids, page size set":            {"agent_id": str("agt_str"), "page_size": num(4)},
		"date window":                          {"agent_id": str("agt_mix"), "start_date": str(day(10)), "end_date": str(day(40))},
		"cut by max_leads, with its warning":   {"agent_id": str("agt_mix"), "max_leads": num(9), "page_size": num(5)},
		"empty agent":                          {"agent_id": str("agt_empty")},
		"timeouts set": {"agent_id": str("agt_mix"), "timeouts": tftypes.NewValue(leadsStateType().AttributeTypes["timeouts"],
			map[string]tftypes.Value{"read": str("5m")})},
		"unknown agent, an error": {"agent_id": str("agt_nobody")},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			got, err := ps.ReadDataSource(ctx, leadsReadRequest(t, args))
			if err != nil {
				t.Fatal(err)
			}
			want, err := ps.ProviderServer.ReadDataSource(ctx, leadsReadRequest(t, args))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(diagnosticsText(got.Diagnostics)) != fmt.Sprint(diagnosticsText(want.Diagnostics)) {
				t.Fatalf("diagnostics differ:\n got %v\nwant %v", diagnosticsText(got.Diagnostics), diagnosticsText(want.Diagnostics))
			}
			if want.State == nil || got.State == nil {
				if (want.State == nil) != (got.State == nil) {
					t.Fatalf("state: got %v, want %v", got.State, want.State)
				}
				return
			}
			if !bytes.Equal(got.State.MsgPack, want.State.MsgPack) {
				gv, _ := got.State.Unmarshal(leadsStateType())
				wv, _ := want.State.Unmarshal(leadsStateType())
				t.Fatalf("states differ (%d vs %d bytes; equal as values: %v)", len(got.State.MsgPack), len(want.State.MsgPack), gv.Equal(wv))
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

func TestLeadsRPCReadBeforeConfigureIsAnError(t *testing.T) {
	ps, err := NewProviderServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ps.ReadDataSource(context.Background(), leadsReadRequest(t, map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, "a")}))
	if err != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != notConfiguredSummary {
		t.Fatalf("got %v, %v; want the not-configured error", err, resp.Diagnostics)
	}
}

// Terraform cancels a read (Ctrl-C) by cancelling its context: the read must
// stop within 2 s, mid-pagination, and leave no goroutine behind.
func TestLeadsRPCReadStopsPromptlyWhenCancelled(t *testing.T) {
	before := runtime.NumGoroutine()
	srv := httptest.NewServer(emulator.New(emulator.Options{APIKey: "k", Latency: 300 * time.Millisecond, MaxPageSize: 10,
		Agents: map[string][]emulator.Lead{"agt_big": emulator.SeedLeads("agt_big", 5000)}}))
	ps := configuredServerAt(t, srv.URL)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(700*time.Millisecond, cancel) // a few pages in: 500 pages would take 15 s
	started := time.Now()
	resp, err := ps.ReadDataSource(ctx, leadsReadRequest(t, map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, "agt_big")}))
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
