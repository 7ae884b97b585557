package provider

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// The provider's tests share these helpers: an acceptance target
// (newAccTarget), a provider server read at the protocol level
// (configuredServer, readRequest), and values read back from a state. The
// Terraform CLI driver is cli_test.go; the list suite, list_suite_test.go.

// testTimeout bounds every wait of a test on a read (testContext): a read
// that never ends fails the test with the context's error in seconds,
// rather than at the package's timeout. context.Background() and
// t.Context() have no deadline.
const testTimeout = 20 * time.Second

// testContext is a context with testTimeout as its deadline.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// testProvider is the provider the tests serve: the provider's own lists
// and chatzuri_notes, which only the tests declare (notes_test.go).
func testProvider() *chatzuriProvider {
	return &chatzuriProvider{
		version:                "test",
		testDataSources:        []func() datasource.DataSource{newListDataSource(notes)},
		testEphemeralResources: []func() ephemeral.EphemeralResource{newListEphemeralResource(notes)},
	}
}

// testAccProtoV6ProviderFactories serves the provider in-process to the
// Terraform CLI that terraform-plugin-testing runs.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"chatzuri": newProviderServer(testProvider()),
}

const (
	// Set both to run the acceptance tests against the live API.
	envTestAgentID = "CHATZURI_TEST_AGENT_ID"
	emulatorAPIKey = "test-key-3f9a1c"
)

func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		// resource.Test skips too; this keeps the reason in one place.
		t.Skip("acceptance test: set TF_ACC=1 to run it (make testacc)")
	}
}

// accTarget is where an acceptance test's provider sends its requests: the
// in-process emulator, or the live API when CHATZURI_API_KEY and
// CHATZURI_TEST_AGENT_ID are both set.
type accTarget struct {
	live    bool
	baseURL string
	apiKey  string
	agentID string // the live agent; empty for the emulator
	emu     *emulator.Server

	mu         sync.Mutex
	userAgents []string // of every request the emulator received
}

var announce sync.Once

// newAccTarget starts an emulator serving agents (unless the live API is
// selected) and says which one the test is using.
func newAccTarget(t *testing.T, opts emulator.Options) *accTarget {
	t.Helper()
	testAccPreCheck(t)
	key, agent := os.Getenv(envAPIKey), os.Getenv(envTestAgentID)
	if key != "" && agent != "" {
		base := os.Getenv(envBaseURL)
		if base == "" {
			base = client.DefaultBaseURL
		}
		announce.Do(func() { fmt.Printf("chatzuri acceptance tests: using the LIVE API at %s, agent %s\n", base, agent) })
		t.Logf("using the live Chatzuri API at %s with agent %s", base, agent)
		return &accTarget{live: true, baseURL: base, apiKey: key, agentID: agent}
	}
	opts.APIKey = emulatorAPIKey
	emu := emulator.New(opts)
	tg := &accTarget{apiKey: emulatorAPIKey, emu: emu}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tg.mu.Lock()
		tg.userAgents = append(tg.userAgents, r.Header.Get("User-Agent"))
		tg.mu.Unlock()
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	announce.Do(func() {
		fmt.Printf("chatzuri acceptance tests: using the in-process emulator (set %s and %s to run them against the live API)\n", envAPIKey, envTestAgentID)
	})
	t.Logf("using the in-process Chatzuri emulator at %s", srv.URL)
	tg.baseURL = srv.URL + "/api/v1"
	return tg
}

// agent is the agent id a test reads: its emulator agent, or the live one.
func (tg *accTarget) agent(emulatorAgent string) string {
	if tg.live {
		return tg.agentID
	}
	return emulatorAgent
}

// requireEmulator skips a test whose premise only the emulator can set up.
func (tg *accTarget) requireEmulator(t *testing.T, why string) {
	t.Helper()
	if tg.live {
		t.Skipf("runs only against the emulator: %s", why)
	}
}

// providerConfig configures the provider by attributes, plus extra ones;
// an extra max_retries replaces the default of 1.
func (tg *accTarget) providerConfig(extra ...string) string {
	extras := strings.Join(extra, "\n  ")
	if !strings.Contains(extras, "max_retries") {
		extras = "max_retries = 1\n  " + extras
	}
	return fmt.Sprintf(`
provider "chatzuri" {
  base_url    = %q
  api_key     = %q
  %s
}
`, tg.baseURL, tg.apiKey, extras)
}

// dataSourceConfig is the provider's configuration and one data source
// typeName "test" with args, in HCL.
func dataSourceConfig(tg *accTarget, typeName, args string) string {
	return tg.providerConfig() + fmt.Sprintf("\ndata %q \"test\" {\n%s\n}\n", typeName, args)
}

// expectedLeads is what a read of agent between start and end must return.
// For the emulator it is computed from the seeded leads, independently of
// the client; for the live API it is the API's own answer, read directly.
func (tg *accTarget) expectedLeads(t *testing.T, seeded []emulator.Lead, agent, start, end string) []client.Lead {
	t.Helper()
	if tg.live {
		return readDirectly(t, tg, client.Leads, client.AgentWindow{AgentID: agent, StartDate: start, EndDate: end}.Params())
	}
	var want []client.Lead
	for i := len(seeded) - 1; i >= 0; i-- { // seeded oldest first; the API answers newest first
		l := seeded[i]
		day := l.CreatedAt.UTC().Format("2006-01-02")
		if (start != "" && day < start) || (end != "" && day > end) {
			continue
		}
		want = append(want, client.Lead{
			ID: l.ID, CreatedAt: ptr(l.CreatedAtText()), ChatbotOwnerUserID: l.ChatbotOwnerUserID,
			ChatbotID: l.ChatbotID, Phone: l.Phone, Email: l.Email, Name: l.Name,
		})
	}
	return want
}

// readDirectly reads the whole list l with params from the live API,
// through the client alone: what the data source must return.
func readDirectly[T any](t *testing.T, tg *accTarget, l client.List[T], params url.Values) []T {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: tg.baseURL, APIKey: tg.apiKey})
	if err != nil {
		t.Fatal(err)
	}
	items := []T{}
	// A real agent's whole list, over the internet: minutes, not seconds.
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	_, err = client.Each(ctx, c, l, client.Query{Params: params}, func(page []T, restart bool) error {
		if restart {
			items = items[:0]
		}
		items = append(items, page...)
		return nil
	})
	if err != nil {
		t.Fatalf("reading the expected %s from the live API: %v", l.Path, err)
	}
	return items
}

func stringOrNull(s *string) knownvalue.Check {
	if s == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(*s)
}

func ptr[T any](v T) *T { return &v }

// pagesRequested lists the page parameter of every request for agent's
// list (of a list of the team's, ofAgent false: every request).
func pagesRequested(emu *emulator.Server, ofAgent bool, agent string) []string {
	var pages []string
	for _, q := range emu.Queries() {
		if !ofAgent || q.Get("agentId") == agent {
			pages = append(pages, q.Get("page"))
		}
	}
	return pages
}

// requireReadsOfPages checks that every read asked for pages 1 to pages in
// order, one after another (each step reads once per plan and apply), with
// the given size.
func requireReadsOfPages(t *testing.T, emu *emulator.Server, ofAgent bool, agent string, pages int, size string) {
	t.Helper()
	want := make([]string, pages)
	for i := range want {
		want[i] = strconv.Itoa(i + 1)
	}
	got := pagesRequested(emu, ofAgent, agent)
	if len(got) == 0 || len(got)%pages != 0 {
		t.Fatalf("pages requested = %v, want whole runs of %v", got, want)
	}
	for i := 0; i < len(got); i += pages {
		if run := got[i : i+pages]; !slices.Equal(run, want) {
			t.Fatalf("a read requested pages %v, want %v", run, want)
		}
	}
	for _, q := range emu.Queries() {
		if got := q.Get("size"); got != size {
			t.Fatalf("size = %q, want %s", got, size)
		}
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

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
	return configuredProviderAt(t, testProvider(), url)
}

// configuredProviderAt is p's server configured against a server.
func configuredProviderAt(t *testing.T, p *chatzuriProvider, url string) *providerServer {
	t.Helper()
	ps, err := newProviderServer(p)()
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
	config, err := tfprotov6.NewDynamicValue(typ, objectOf(typ, args))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &config}
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

// dataSourceSchema is ds's schema, checked as the framework checks it.
func dataSourceSchema(t testing.TB, ds datasource.DataSource) schema.Schema {
	t.Helper()
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	return resp.Schema
}

// stateAttrs are a read state's attributes.
func stateAttrs(t *testing.T, state tftypes.Value) map[string]tftypes.Value {
	t.Helper()
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

// stateList is the list attribute name of a read state.
func stateList(t *testing.T, state tftypes.Value, name string) []tftypes.Value {
	t.Helper()
	var elems []tftypes.Value
	if err := stateAttrs(t, state)[name].As(&elems); err != nil {
		t.Fatal(err)
	}
	return elems
}

// stateString is the string attribute name of a state or object.
func stateString(t *testing.T, obj tftypes.Value, name string) *string {
	t.Helper()
	var s *string
	if err := stateAttrs(t, obj)[name].As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// pathOf is the attribute a diagnostic is about, or "" when it has none.
func pathOf(d diag.Diagnostic) string {
	if wp, ok := d.(diag.DiagnosticWithPath); ok {
		return wp.Path().String()
	}
	return ""
}

// objectOf is a value of typ with args set and the rest null.
func objectOf(typ tftypes.Object, args map[string]tftypes.Value) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for name, ty := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(ty, nil)
	}
	maps.Copy(vals, args)
	return tftypes.NewValue(typ, vals)
}
