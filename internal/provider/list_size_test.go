package provider

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// encodedLeadBytes is how many bytes the first n of an agent's seeded leads
// take in the state, as the API returns them (newest first).
func encodedLeadBytes(t *testing.T, seeded []emulator.Lead, n int) int {
	t.Helper()
	e, err := newListEncoder[client.Lead](elementTypeOf(t, leads), nil)
	if err != nil {
		t.Fatal(err)
	}
	var items []client.Lead
	for i := len(seeded) - 1; i >= len(seeded)-n; i-- {
		l := seeded[i]
		items = append(items, client.Lead{ID: l.ID, CreatedAt: ptr(l.CreatedAtText()), ChatbotOwnerUserID: l.ChatbotOwnerUserID,
			ChatbotID: l.ChatbotID, Phone: l.Phone, Email: l.Email, Name: l.Name})
	}
	if err := e.add(items, true); err != nil {
		t.Fatal(err)
	}
	return len(e.list().elements)
}

func TestListEncoder_failsPastItsLimit(t *testing.T) {
	seeded := emulator.SeedLeads("agt", 10)
	limit := encodedLeadBytes(t, seeded, 4) // 4 leads fit; the 5th passes it
	var items []client.Lead
	for i := len(seeded) - 1; i >= 0; i-- {
		l := seeded[i]
		items = append(items, client.Lead{ID: l.ID, CreatedAt: ptr(l.CreatedAtText()), ChatbotOwnerUserID: l.ChatbotOwnerUserID,
			ChatbotID: l.ChatbotID, Phone: l.Phone, Email: l.Email, Name: l.Name})
	}
	e, err := newListEncoder[client.Lead](elementTypeOf(t, leads), nil)
	if err != nil {
		t.Fatal(err)
	}
	e.maxBytes = limit
	if err := e.add(items[:2], true); err != nil {
		t.Fatalf("2 of 4 leads that fit: %v", err)
	}
	if err := e.add(items[2:4], false); err != nil {
		t.Fatalf("4 leads that fit exactly: %v", err)
	}
	err = e.add(items[4:7], false)
	tooLarge, ok := err.(*listTooLargeError)
	if !ok {
		t.Fatalf("the 5th lead: err = %v, want a *listTooLargeError", err)
	}
	if tooLarge.items != 5 || tooLarge.limit != limit || tooLarge.bytes <= limit {
		t.Errorf("error = %+v, want 5 items, past the limit of %d bytes", *tooLarge, limit)
	}
}

// sizeLimitedServer serves agent agt_big's 200 leads and 200 conversations,
// 10 a page, to a provider whose lists may grow to maxBytes.
func sizeLimitedServer(t *testing.T, maxBytes int) (*providerServer, *emulator.Server) {
	t.Helper()
	emu := emulator.New(emulator.Options{APIKey: "k", MaxPageSize: 10,
		Agents:        map[string][]emulator.Lead{"agt_big": emulator.SeedLeads("agt_big", 200)},
		Conversations: map[string][]emulator.Conversation{"agt_big": emulator.SeedConversations("agt_big", 200)},
	})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return configuredProviderAt(t, &chatzuriProvider{version: "test", maxListBytes: maxBytes}, srv.URL), emu
}

// A list that grows past what one answer to Terraform carries stops at once,
// and says how far it got and how to read less; the ephemeral resources, whose
// results travel the same way, too.
func TestListReads_stopAtTheSizeLimit(t *testing.T) {
	t.Parallel()
	seeded := emulator.SeedLeads("agt_big", 200)
	limit := encodedLeadBytes(t, seeded, 25) // the 26th lead, on page 3, passes it
	agent := map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, "agt_big")}

	for _, tc := range []struct {
		name, typeName string
		read           func(ps *providerServer) []*tfprotov6.Diagnostic
		stoppedAfter   string
		ways           []string
	}{
		{"data source", "chatzuri_leads", func(ps *providerServer) []*tfprotov6.Diagnostic {
			resp, err := ps.ReadDataSource(context.Background(), readRequest(t, ps, "chatzuri_leads", agent))
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}, "stopped after 26 leads", []string{"`fields`", "`start_date` and `end_date`", "`max_leads`"}},
		{"ephemeral resource", "chatzuri_leads", func(ps *providerServer) []*tfprotov6.Diagnostic {
			resp, err := ps.OpenEphemeralResource(context.Background(), openRequest(t, ps, "chatzuri_leads", agent))
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}, "stopped after 26 leads", []string{"`fields`", "`max_leads`"}},
		{"conversations", "chatzuri_conversations", func(ps *providerServer) []*tfprotov6.Diagnostic {
			resp, err := ps.ReadDataSource(context.Background(), readRequest(t, ps, "chatzuri_conversations", agent))
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}, "conversations: encoded", []string{"`fields`", "`max_conversations`"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ps, emu := sizeLimitedServer(t, limit)
			diags := tc.read(ps)
			if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
				t.Fatalf("diagnostics = %v, want one error", diagnosticsText(diags))
			}
			d := diags[0]
			if !strings.Contains(d.Summary, "too many for one Terraform answer") {
				t.Errorf("summary = %q", d.Summary)
			}
			for _, want := range append([]string{tc.stoppedAfter, "256.0 MiB", "No further page was requested", `agent "agt_big"`}, tc.ways...) {
				if !strings.Contains(d.Detail, want) {
					t.Errorf("detail lacks %q:\n%s", want, d.Detail)
				}
			}
			// Read ahead, at most max_concurrent_requests - 1 (2) pages were
			// already on their way past the one that passed the limit; none
			// was asked for after it. The whole list is 20 pages.
			most := 19
			if tc.typeName == "chatzuri_leads" {
				most = 3 + 2 // page 3 holds the 26th lead
			}
			if n := emu.Requests(); n > most {
				t.Errorf("%d requests, want at most %d: the read must stop at the page that passed the limit", n, most)
			}
		})
	}
}

func TestListReads_warnPastHalfTheSizeLimit(t *testing.T) {
	t.Parallel()
	seeded := emulator.SeedLeads("agt_big", 200)
	whole := encodedLeadBytes(t, seeded, 200)
	agent := map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, "agt_big")}
	for _, tc := range []struct {
		name  string
		limit int
		warns bool
	}{
		{"past half", whole*2 - 1, true},
		{"at half", whole * 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ps, _ := sizeLimitedServer(t, tc.limit)
			resp, err := ps.ReadDataSource(context.Background(), readRequest(t, ps, "chatzuri_leads", agent))
			if err != nil || hasError(resp.Diagnostics) {
				t.Fatalf("read: %v %v", err, diagnosticsText(resp.Diagnostics))
			}
			if !tc.warns {
				if len(resp.Diagnostics) != 0 {
					t.Fatalf("diagnostics = %v, want none", diagnosticsText(resp.Diagnostics))
				}
				return
			}
			if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning {
				t.Fatalf("diagnostics = %v, want one warning", diagnosticsText(resp.Diagnostics))
			}
			d := resp.Diagnostics[0]
			for _, want := range []string{`Agent "agt_big"'s leads are 200 leads`, mebibytes(whole), mebibytes(tc.limit), "`fields`", "`start_date` and `end_date`"} {
				if !strings.Contains(d.Summary+"\n"+d.Detail, want) {
					t.Errorf("warning lacks %q:\n%s\n%s", want, d.Summary, d.Detail)
				}
			}
			v, _ := resp.State.Unmarshal(stateType(t, ps, "chatzuri_leads"))
			if n := len(stateList(t, v, "leads")); n != 200 {
				t.Errorf("state has %d leads, want all 200 despite the warning", n)
			}
		})
	}
}

// openRequest is Terraform's request to open the ephemeral typeName with
// args (the rest null).
func openRequest(t *testing.T, ps tfprotov6.ProviderServer, typeName string, args map[string]tftypes.Value) *tfprotov6.OpenEphemeralResourceRequest {
	t.Helper()
	schemas, err := ps.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.EphemeralResourceSchemas[typeName].ValueType().(tftypes.Object)
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
	return &tfprotov6.OpenEphemeralResourceRequest{TypeName: typeName, Config: &config}
}

// Through Terraform: the error reaches the user as the provider wrote it.
func TestAccLeads_tooLargeForOneAnswerFailsWithTheWaysOut(t *testing.T) {
	seeded := emulator.SeedLeads("agt_big", 200)
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 10, Agents: map[string][]emulator.Lead{"agt_big": seeded}})
	tg.requireEmulator(t, "it needs an agent of a known size")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"chatzuri": newProviderServer(&chatzuriProvider{version: "test", maxListBytes: encodedLeadBytes(t, seeded, 25)}),
		},
		Steps: []resource.TestStep{{
			Config: tg.providerConfig() + `
data "chatzuri_leads" "big" {
  agent_id = "agt_big"
}
`,
			ExpectError: regexp.MustCompile(`(?s)The leads are too many for one Terraform answer.*stopped\s+after\s+26\s+leads.*fields`),
		}},
	})
}
