package provider

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"sort"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

const leadsTypeName = "chatzuri_leads"

// leadsStateType is the Terraform type of a chatzuri_leads state.
var leadsStateType = sync.OnceValue(func() tftypes.Object {
	var resp datasource.SchemaResponse
	NewLeadsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	return resp.Schema.Type().TerraformType(context.Background()).(tftypes.Object) //nolint:forcetypeassert // a schema's type is an object
})

// readLeads answers ReadDataSource for chatzuri_leads (see NewProviderServer):
// the same read as leadsDataSource.Read, with the state written as msgpack
// as pages arrive instead of through framework values.
func (s *providerServer) readLeads(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	// Until the read succeeds, the state is the configuration, as the
	// framework answers; Terraform ignores it when there are errors.
	resp := &tfprotov6.ReadDataSourceResponse{State: req.Config}
	fail := func(summary, detail string) (*tfprotov6.ReadDataSourceResponse, error) {
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary, Detail: detail})
		return resp, nil
	}
	data := s.provider.configured.Load()
	if data == nil {
		return fail(notConfiguredSummary, notConfiguredDetail)
	}
	ctx = maskAPIKey(ctx, data.apiKey)

	stateType := leadsStateType()
	config, err := req.Config.Unmarshal(stateType)
	if err != nil {
		return fail("Unable to read the configuration", fmt.Sprintf("Decoding the chatzuri_leads configuration failed: %v. This is a bug in the provider; please report it.", err))
	}
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return fail("Unable to read the configuration", fmt.Sprintf("Decoding the chatzuri_leads configuration failed: %v. This is a bug in the provider; please report it.", err))
	}
	query, err := leadsQueryFrom(attrs)
	if err != nil {
		return fail("Unable to read the configuration", err.Error())
	}
	limit, err := readTimeoutFrom(ctx, attrs["timeouts"])
	if err != nil {
		return fail("Invalid timeouts", err.Error())
	}
	readCtx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()

	logDebug(ctx, "chatzuri: reading leads", map[string]any{"agent_id": query.AgentID})
	leads := newLeadsEncoder()
	stats, err := data.client.EachLeadsPage(readCtx, query, leads.add)
	if err != nil {
		return fail(describeFailedRead(readCtx, err, "leads", query.AgentID, limit))
	}
	logDebug(ctx, "chatzuri: leads read", map[string]any{
		"agent_id": query.AgentID, "leads": stats.Items, "pages": stats.Pages, "overfetched_pages": stats.Overfetched, "truncated": stats.Truncated,
	})
	if statsHook != nil {
		statsHook(stats)
	}
	if stats.Truncated {
		summary, detail := cutListWarning("leads", query.AgentID, query.MaxLeads)
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityWarning, Summary: summary, Detail: detail,
			Attribute: tftypes.NewAttributePath().WithAttributeName("max_leads"),
		})
	}

	attrs["id"] = tftypes.NewValue(tftypes.String, leadsID(query))
	state, err := encodeLeadsState(stateType, attrs, leads)
	if err != nil {
		return fail("Unable to encode the leads", fmt.Sprintf("Encoding the state failed: %v. This is a bug in the provider; please report it.", err))
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: state}
	return resp, nil
}

// leadsQueryFrom reads the arguments out of a chatzuri_leads configuration.
// Terraform reads a data source only once its configuration is known.
func leadsQueryFrom(attrs map[string]tftypes.Value) (client.LeadsQuery, error) {
	var q client.LeadsQuery
	for name, v := range attrs {
		if !v.IsKnown() {
			return q, fmt.Errorf("%s is not known yet; the data source can only be read once its arguments are known", name)
		}
	}
	str := func(name string, into *string) error {
		if attrs[name].IsNull() {
			return nil
		}
		return attrs[name].As(into)
	}
	num := func(name string, into *int) error {
		if attrs[name].IsNull() {
			return nil
		}
		var f big.Float
		if err := attrs[name].As(&f); err != nil {
			return err
		}
		n, _ := f.Int64()
		*into = int(n)
		return nil
	}
	for _, err := range []error{
		str("agent_id", &q.AgentID), str("start_date", &q.StartDate), str("end_date", &q.EndDate),
		num("page_size", &q.PageSize), num("max_leads", &q.MaxLeads),
	} {
		if err != nil {
			return q, err
		}
	}
	return q, nil
}

// encodeLeadsState writes the state object: every attribute but leads as
// terraform-plugin-go encodes it, and leads from the encoder.
func encodeLeadsState(stateType tftypes.Object, attrs map[string]tftypes.Value, leads *leadsEncoder) ([]byte, error) {
	keys := make([]string, 0, len(stateType.AttributeTypes))
	for k := range stateType.AttributeTypes {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var out bytes.Buffer
	out.Grow(leads.body.Len() + 512)
	enc := msgpack.NewEncoder(&out)
	if err := enc.EncodeMapLen(len(keys)); err != nil {
		return nil, err
	}
	for _, k := range keys {
		if err := enc.EncodeString(k); err != nil {
			return nil, err
		}
		if k == "leads" {
			if err := enc.EncodeArrayLen(leads.count); err != nil {
				return nil, err
			}
			// The encoder writes straight to out (a bytes.Buffer is its own
			// byte writer), so raw msgpack can follow it directly.
			out.Write(leads.body.Bytes())
			continue
		}
		v, ok := attrs[k]
		if !ok {
			return nil, fmt.Errorf("no value for %s", k)
		}
		raw, err := v.MarshalMsgPack(stateType.AttributeTypes[k]) //nolint:staticcheck // the one encoder of a single tftypes value
		if err != nil {
			return nil, err
		}
		out.Write(raw)
	}
	return out.Bytes(), nil
}

// statsHook, when set, receives each read's paging statistics (benchmarks).
var statsHook func(client.Stats)

const (
	notConfiguredSummary = "Provider not configured"
	notConfiguredDetail  = "The chatzuri provider was not configured before this data source was read. This is a bug in the provider; please report it."
)

// readTimeoutFrom reads timeouts.read out of a configuration, through the
// timeouts library's own type, as the framework Read does.
func readTimeoutFrom(ctx context.Context, raw tftypes.Value) (time.Duration, error) {
	v, err := timeouts.Type{ObjectType: types.ObjectType{AttrTypes: map[string]attr.Type{"read": types.StringType}}}.ValueFromTerraform(ctx, raw)
	if err != nil {
		return 0, err
	}
	tv, ok := v.(timeouts.Value)
	if !ok {
		return 0, fmt.Errorf("timeouts has an unexpected type %T", v)
	}
	limit, diags := tv.Read(ctx, defaultReadTimeout)
	if diags.HasError() {
		return 0, fmt.Errorf("%s: %s", diags.Errors()[0].Summary(), diags.Errors()[0].Detail())
	}
	return limit, nil
}
