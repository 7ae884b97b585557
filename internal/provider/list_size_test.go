package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// apiLeads are seeded leads as the client reads them: newest first.
func apiLeads(seeded []emulator.Lead) []client.Lead {
	var items []client.Lead
	for i := len(seeded) - 1; i >= 0; i-- {
		l := seeded[i]
		items = append(items, client.Lead{ID: l.ID, CreatedAt: ptr(l.CreatedAtText()), ChatbotOwnerUserID: l.ChatbotOwnerUserID,
			ChatbotID: l.ChatbotID, Phone: l.Phone, Email: l.Email, Name: l.Name})
	}
	return items
}

// encodedLeadBytes is how many bytes the first n of items take in the state.
func encodedLeadBytes(t *testing.T, items []client.Lead, n int) int {
	t.Helper()
	e, err := newListEncoder[client.Lead](elementTypeOf(t, leads), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.add(items[:n], true); err != nil {
		t.Fatal(err)
	}
	return len(e.list().elements)
}

func TestListEncoder_failsPastItsLimit(t *testing.T) {
	t.Parallel()
	items := apiLeads(emulator.SeedLeads("agt", 10))
	limit := encodedLeadBytes(t, items, 4) // 4 leads fit; the 5th passes it
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
	var tooLarge *listTooLargeError
	if err := e.add(items[4:7], false); !errors.As(err, &tooLarge) {
		t.Fatalf("the 5th lead: err = %v, want a *listTooLargeError", err)
	}
	if tooLarge.items != 5 || tooLarge.limit != limit || tooLarge.bytes <= limit {
		t.Errorf("error = %+v, want 5 items, past the limit of %d bytes", *tooLarge, limit)
	}
}

// A list that grows past what one answer to Terraform carries stops at
// once, and says how far it got and how to read less; past half of it, a
// read succeeds with a warning. The ephemeral twin, whose result travels
// the same way, stops the same. A limit of a few kilobytes stands for the
// real one (BENCHMARKS.md measures that).
func (row listUnderTest) testSizeLimit(t *testing.T) {
	t.Parallel()
	const n, pageSize = 200, 10 // 20 pages
	opts := row.serve(suiteAgent, n)
	opts.MaxPageSize = pageSize
	sizes := row.encodedSizes(t, opts)
	whole := 0
	for _, size := range sizes {
		whole += size
	}
	if whole < 8*n {
		t.Fatalf("test premise: the whole list takes %d bytes", whole)
	}
	// itemsPast is how many items a read takes to grow past limit: it
	// stops at the first item that passes it.
	itemsPast := func(limit int) int {
		total := 0
		for i, size := range sizes {
			if total += size; total > limit {
				return i + 1
			}
		}
		return len(sizes)
	}
	opts.APIKey = "k" // set before the subtests share opts
	serve := func(t *testing.T, limit int) (*providerServer, *emulator.Server) {
		emu := emulator.New(opts)
		srv := httptest.NewServer(emu)
		t.Cleanup(srv.Close)
		p := testProvider()
		p.maxListBytes = limit
		return configuredProviderAt(t, p, srv.URL), emu
	}
	args := row.selectionValues(suiteAgent)
	ways := []string{}
	if row.fields != nil {
		ways = append(ways, "fields")
	}
	if row.limitArgument != "" {
		ways = append(ways, "cap the list with "+row.limitArgument)
	}
	if row.window != nil {
		ways = append(ways, "start_date and end_date")
	}

	opens := map[string]func(ps *providerServer) []*tfprotov6.Diagnostic{
		"data source": func(ps *providerServer) []*tfprotov6.Diagnostic {
			resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, row.typeName(), args))
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		},
	}
	if servesEphemeral(row.typeName()) {
		opens["ephemeral twin"] = func(ps *providerServer) []*tfprotov6.Diagnostic {
			resp, err := ps.OpenEphemeralResource(testContext(t), openRequest(t, ps, row.typeName(), args))
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}
	}
	for name, read := range opens {
		t.Run("past it, "+name, func(t *testing.T) {
			t.Parallel()
			limit := whole / 8 // passed on page 3
			ps, emu := serve(t, limit)
			diags := read(ps)
			if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
				t.Fatalf("diagnostics = %v, want one error", diagnosticsText(diags))
			}
			d := diags[0]
			stopped := fmt.Sprintf("stopped after %d %s: encoded for Terraform they had grown to ", itemsPast(limit), row.name)
			if d.Summary != "The "+row.name+" are too many for one Terraform answer" ||
				!containsAll(d.Detail, stopped, "256.0 MiB", "No further page was requested") || !containsAll(d.Detail, ways...) {
				t.Errorf("error:\n%s\n%s\nwant %q, the limit and the ways out %q", d.Summary, d.Detail, stopped, ways)
			}
			// The limit passes on page 3; read ahead, at most
			// max_concurrent_requests - 1 (2) more pages were on their way.
			if got := emu.Requests(); got > 3+2 {
				t.Errorf("%d requests, want at most 5: the read must stop at the page that passed the limit", got)
			}
		})
	}
	for _, tc := range []struct {
		name  string
		limit int
		warns bool
	}{
		{"past half of it, a warning", 2*whole - 1, true},
		{"half of it, no warning", 2 * whole, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ps, _ := serve(t, tc.limit)
			resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, row.typeName(), args))
			if err != nil || hasError(resp.Diagnostics) {
				t.Fatalf("read: %v %v", err, diagnosticsText(resp.Diagnostics))
			}
			state, _ := resp.State.Unmarshal(stateType(t, ps, row.typeName()))
			if got := len(stateList(t, state, row.name)); got != n {
				t.Errorf("state has %d %s, want all %d", got, row.name, n)
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
			w := resp.Diagnostics[0]
			if !containsAll(w.Summary+"\n"+w.Detail, append([]string{fmt.Sprintf(" are %d %s, %s", n, row.name, mebibytes(whole)), mebibytes(tc.limit)}, ways...)...) {
				t.Errorf("warning:\n%s\n%s\nwant the list's size, the limit and the ways out %q", w.Summary, w.Detail, ways)
			}
		})
	}
}

// encodedSizes are how many bytes each item of the list opts serves to a
// whole read takes in the state, in order: what the encoder counts, which
// is the list's encoding less its own length header.
func (row listUnderTest) encodedSizes(t *testing.T, opts emulator.Options) []int {
	t.Helper()
	ps := configuredServer(t, opts)
	resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, row.typeName(), row.selectionValues(suiteAgent)))
	if err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("read: %v %v", err, diagnosticsText(resp.Diagnostics))
	}
	typ := stateType(t, ps, row.typeName())
	state, _ := resp.State.Unmarshal(typ)
	listType := typ.AttributeTypes[row.name].(tftypes.List)
	var sizes []int
	total := 0
	for _, item := range stateList(t, state, row.name) {
		raw, err := item.MarshalMsgPack(listType.ElementType) //nolint:staticcheck // the one encoder of a single tftypes value
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(raw))
		total += len(raw)
	}
	raw, err := stateAttrs(t, state)[row.name].MarshalMsgPack(listType) //nolint:staticcheck // as above
	if err != nil {
		t.Fatal(err)
	}
	if header := len(raw) - total; header != 3 { // a msgpack array16 header: 16 to 65,535 elements
		t.Fatalf("test premise: the list's items are its encoding but for a header of 3 bytes, not %d", header)
	}
	return sizes
}

// ephemeralType is the result type of the ephemeral typeName.
func ephemeralType(t *testing.T, ps tfprotov6.ProviderServer, typeName string) tftypes.Object {
	t.Helper()
	schemas, err := ps.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return schemas.EphemeralResourceSchemas[typeName].ValueType().(tftypes.Object)
}

// openRequest is Terraform's request to open the ephemeral typeName with
// args (the rest null).
func openRequest(t *testing.T, ps tfprotov6.ProviderServer, typeName string, args map[string]tftypes.Value) *tfprotov6.OpenEphemeralResourceRequest {
	t.Helper()
	typ := ephemeralType(t, ps, typeName)
	config, err := tfprotov6.NewDynamicValue(typ, objectOf(typ, args))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.OpenEphemeralResourceRequest{TypeName: typeName, Config: &config}
}

// Through Terraform: the error reaches the user as the provider wrote it.
func TestAccLeads_tooLargeForOneAnswerFailsWithTheWaysOut(t *testing.T) {
	seeded := emulator.SeedLeads("agt_big", 200)
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 10, Leads: map[string][]emulator.Lead{"agt_big": seeded}})
	tg.requireEmulator(t, "it needs an agent of a known size")
	p := testProvider()
	p.maxListBytes = encodedLeadBytes(t, apiLeads(seeded), 25)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){"chatzuri": newProviderServer(p)},
		Steps: []resource.TestStep{{
			Config:      dataSourceConfig(tg, "chatzuri_leads", `agent_id = "agt_big"`),
			ExpectError: regexp.MustCompile(`(?s)The leads are too many for one Terraform answer.*stopped\s+after\s+26\s+leads.*fields`),
		}},
	})
}

// maxAnswerBytes is terraform-plugin-go's cap on one gRPC message, not a
// copy that could drift past it: tf6server keeps the cap in an unexported
// constant (grpcMaxMessageSize) and gives it to grpc.MaxSendMsgSize and
// grpc.MaxRecvMsgSize alike, so the test asks the real server. It serves the
// provider as Terraform runs it, sends one message a byte larger than
// maxAnswerBytes, and reads the server's cap from the refusal, which gRPC
// sends as soon as the message's length arrives ("received message larger
// than max (N vs. CAP)"). The buffer is never written, so its pages stay
// the zero pages the OS maps.
func TestMaxAnswerBytes_isTheCapOfTerraformPluginGosServer(t *testing.T) {
	t.Parallel()
	var reattach map[string]struct {
		Addr struct{ Network, String string }
	}
	if err := json.Unmarshal([]byte(serveInProcess(t, "")), &reattach); err != nil {
		t.Fatal(err)
	}
	addr := reattach[providerAddress()].Addr
	if addr.Network != "unix" {
		t.Fatalf("test premise: the provider serves on a unix socket, not %q", addr.Network)
	}
	conn, err := grpc.NewClient("unix://"+addr.String, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })

	sent := make(rawMessage, maxAnswerBytes+1)
	err = conn.Invoke(testContext(t), "/tfplugin6.Provider/GetProviderSchema", &sent, new(rawMessage), grpc.ForceCodecV2(rawCodec{}))
	m := regexp.MustCompile(`received message larger than max \((\d+) vs\. (\d+)\)`).FindStringSubmatch(status.Convert(err).Message())
	if status.Code(err) != codes.ResourceExhausted || m == nil {
		t.Fatalf("a message of %d bytes: %v; want the server to refuse it as too large, naming its cap", len(sent), err)
	}
	if capacity, _ := strconv.Atoi(m[2]); capacity != maxAnswerBytes {
		t.Errorf("terraform-plugin-go's server takes messages of at most %d bytes; maxAnswerBytes is %d", capacity, maxAnswerBytes)
	}
	// The rest of an answer (other attributes, diagnostics, framing) needs
	// room beside the list.
	if room := maxAnswerBytes - defaultMaxListBytes; room < 1<<20 {
		t.Errorf("defaultMaxListBytes leaves %d bytes of an answer for the rest, want at least a mebibyte", room)
	}
}

// rawMessage is a gRPC message's bytes as they are; rawCodec sends and
// receives them unchanged, so a test can send any size without a message
// type.
type rawMessage []byte

type rawCodec struct{}

func (rawCodec) Name() string { return "proto" } // what the server expects to decode

func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*rawMessage))}, nil
}

func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*v.(*rawMessage) = data.Materialize()
	return nil
}
