package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// listDefinition declares one list: what chatzuri_leads, chatzuri_conversations
// and the lists after them do not share. The engine does the rest, the same
// for every list: paging, the request budget, retries and timeouts (the
// client's), the read timeout, the warning when the limit argument cuts the list, diagnostics, logging and
// the state (listEncoder). A list is one such declaration, in a file of its
// own, served as a data source by listDataSource.
type listDefinition[T any] struct {
	// name is the list attribute and the type name's suffix: "leads" is
	// chatzuri_leads, whose list is its leads attribute.
	name string
	// item is what one element is called in messages: "lead".
	item string
	// description is the data source's, in Markdown. It says what the list
	// reads, true of the ephemeral resource too: what each kind keeps is
	// added from personalData (list_personal_data.go).
	description string
	// personalData names what in the list is personal data, for the pages'
	// warnings: "Leads"; "" when it holds none.
	personalData string
	// listDescription describes the list attribute.
	listDescription string
	// idDescription describes the id attribute; "" means the per-agent
	// lists' description, an id made from the arguments.
	idDescription string
	// itemAttributes describe one element. Each must match a field of T
	// (see listEncoder), all Computed.
	itemAttributes map[string]schema.Attribute
	// arguments are what the configuration sets; id, the list, page_size
	// (from pageSize), fields and timeouts are added by the engine.
	arguments map[string]schema.Attribute
	// pageSize declares the page_size argument: the largest page the list
	// may ask for. nil for a list without paging arguments (agents).
	pageSize *pageSizing
	// fieldSelection adds the fields argument, which names the item
	// attributes to keep; the others are null (data minimization).
	fieldSelection bool
	// ofAgent says the list belongs to one agent, which the request names
	// (listRequest.agentID); otherwise it is the whole team's. Messages
	// name the agent, and a 404 means the agent was not found.
	ofAgent bool
	// limitArgument is the argument that cuts the list (it sets the
	// query's Limit), "max_leads"; "" when there is none.
	limitArgument string
	// narrowHint says how the arguments read less of the list, for a read
	// that ran out of time or grew too large: "narrow the read with start_date
	// and end_date (...)".
	narrowHint string
	// badRequestHint says which arguments Chatzuri's 400 answer is about.
	badRequestHint string
	// validate checks the arguments together at validate time; may be nil.
	validate func(ctx context.Context, config tfsdk.Config) diag.Diagnostics
	// request reads the arguments into the request for api.
	request func(ctx context.Context, config tfsdk.Config) (listRequest, diag.Diagnostics)
	// api is the endpoint.
	api client.List[T]
}

// listRequest is one read of a list, as its arguments ask.
type listRequest struct {
	query client.Query
	// id is the data source's id: the same arguments give the same id.
	id string
	// agentID is the agent whose list is read, when the list is ofAgent.
	agentID string
	// badRequestHint is added to the definition's, for arguments of this
	// request only.
	badRequestHint string
}

// listRead is what reading a list gives: its encoded value, and the
// request it answered.
type listRead struct {
	request listRequest
	encoded encodedList
}

// read reads def's list as config asks and encodes it, with the element
// type of the schema config was decoded with. Warnings and errors go to
// diags; on error there is no list.
func (def listDefinition[T]) read(ctx context.Context, data *providerData, config tfsdk.Config, diags *diag.Diagnostics) (listRead, bool) {
	var encoder *listEncoder[T]
	req, subject, ok := def.readPages(ctx, data, config, diags, func(req *listRequest) (client.Visit[T], diag.Diagnostics) {
		keep, diags := def.keptFields(ctx, config)
		if keep != nil {
			req.id = withIDArg(req.id, "fields", strings.Join(slices.Sorted(maps.Keys(keep)), ","))
		}
		var err error
		if encoder, err = newListEncoder[T](def.elementType(ctx, config), keep); err != nil {
			diags.AddError("Unable to read the "+def.name, fmt.Sprintf("The %s attribute does not match the provider's %s: %v. This is a bug in the provider; please report it.", def.name, def.item, err))
			return nil, diags
		}
		encoder.maxBytes = data.maxListBytes
		// Each page is encoded as it arrives, while later pages are in
		// flight, and the client keeps no copy: no second list of every
		// item is built.
		return encoder.add, diags
	})
	if !ok {
		return listRead{}, false
	}
	list := encoder.list()
	if data.maxListBytes > 0 && len(list.elements) > data.maxListBytes/2 {
		summary, detail := largeListWarning(subject, list.length, len(list.elements), data.maxListBytes)
		diags.AddWarning(summary, detail)
	}
	return listRead{request: req, encoded: list}, true
}

// readPages is what every way of serving a list shares: it reads the
// request from config, bounds the read by its timeouts.read, hands every
// page to the visitor that visit makes for the request (which may change
// the request's id), and turns a failure into a diagnostic and a cut list
// into a warning.
func (def listDefinition[T]) readPages(ctx context.Context, data *providerData, config tfsdk.Config, diags *diag.Diagnostics,
	visit func(req *listRequest) (client.Visit[T], diag.Diagnostics),
) (listRequest, listSubject, bool) {
	if data == nil {
		diags.AddError("Provider not configured",
			"The chatzuri provider was not configured before chatzuri_"+def.name+" was read. This is a bug in the provider; please report it.")
		return listRequest{}, listSubject{}, false
	}
	ctx = maskAPIKey(ctx, data.apiKey)

	req, d := def.request(ctx, config)
	diags.Append(d...)
	if def.pageSize != nil {
		diags.Append(def.pageSize.readPageSize(ctx, config, &req)...)
	}
	var t timeouts.Value
	diags.Append(config.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if diags.HasError() {
		return listRequest{}, listSubject{}, false
	}
	visitor, d := visit(&req)
	diags.Append(d...)
	if diags.HasError() {
		return listRequest{}, listSubject{}, false
	}
	readCtx, cancel, limit := withReadTimeout(ctx, t, diags)
	defer cancel()
	if diags.HasError() {
		return listRequest{}, listSubject{}, false
	}

	subject := def.subject(req, data)
	logDebug(ctx, "chatzuri: reading "+def.name, map[string]any{"agent_id": req.agentID})
	stats, err := client.Each(readCtx, data.client, def.api, req.query, visitor)
	if err != nil {
		summary, detail := describeFailedRead(readCtx, err, subject, limit)
		diags.AddError(summary, detail)
		return listRequest{}, listSubject{}, false
	}
	logDebug(ctx, "chatzuri: "+def.name+" read", map[string]any{
		"agent_id": req.agentID, def.name: stats.Items, "pages": stats.Pages, "overfetched_pages": stats.Overfetched, "truncated": stats.Truncated,
	})
	if stats.Truncated {
		summary, detail := cutListWarning(subject, req.query.Limit)
		diags.AddAttributeWarning(path.Root(def.limitArgument), summary, detail)
	}
	return req, subject, true
}

// subject is the read of req, as its messages name it.
func (def listDefinition[T]) subject(req listRequest, data *providerData) listSubject {
	s := listSubject{
		plural: def.name, item: def.item, ofAgent: def.ofAgent, fieldSelection: def.fieldSelection,
		limitArgument: def.limitArgument, narrowHint: def.narrowHint, badRequestHint: def.badRequestHint,
		customBaseURL: data.baseURL != client.DefaultBaseURL,
		baseURLFrom:   data.baseURLFrom,
	}
	if def.ofAgent {
		s.agentID = req.agentID
	}
	if req.badRequestHint != "" {
		s.badRequestHint = joinHints(s.badRequestHint, req.badRequestHint)
	}
	return s
}

// argumentAttributes are the list's arguments as the schema declares them:
// its own, and page_size from its declaration.
func (def listDefinition[T]) argumentAttributes() map[string]schema.Attribute {
	attrs := maps.Clone(def.arguments)
	if def.pageSize != nil {
		attrs["page_size"] = def.pageSize.attribute(def.name)
	}
	return attrs
}

// elementType is the Terraform type of one element of the list, from the
// schema the configuration was decoded with.
func (def listDefinition[T]) elementType(ctx context.Context, config tfsdk.Config) tftypes.Object {
	objType, _ := config.Schema.Type().TerraformType(ctx).(tftypes.Object)
	listType, _ := objType.AttributeTypes[def.name].(tftypes.List)
	elem, _ := listType.ElementType.(tftypes.Object)
	return elem // a zero Object, when the schema has no such list, fails to compile
}

// fieldsArgument is the fields argument of a list whose items have attrs.
func fieldsArgument(plural string, attrs map[string]schema.Attribute) schema.ListAttribute {
	names := slices.Sorted(maps.Keys(attrs))
	return schema.ListAttribute{
		MarkdownDescription: "The attributes of each element of `" + plural + "` to keep, any of " + quotedList(names) + "; the others are null " +
			"in every element, and the list keeps its shape. `id` is always kept, whether named or not: it is not personal data, and it is " +
			"what `for_each` keys the list by. Unset keeps them all. Leaving out what a configuration does not use keeps " +
			"that data out of the state and the plan: `[\"created_at\"]` is enough to count by day.",
		ElementType: types.StringType,
		Optional:    true,
		Validators: []validator.List{
			listvalidator.SizeAtLeast(1),
			listvalidator.UniqueValues(),
			listvalidator.ValueStringsAre(oneOf{what: "an attribute of the " + plural, values: names}),
		},
	}
}

// keptFields reads the fields argument: the attributes to keep, or nil for
// all. id is always kept: every list is keyed by it (for_each), and it is not
// personal data.
func (def listDefinition[T]) keptFields(ctx context.Context, config tfsdk.Config) (map[string]bool, diag.Diagnostics) {
	if !def.fieldSelection {
		return nil, nil
	}
	var list types.List
	diags := config.GetAttribute(ctx, path.Root("fields"), &list)
	if diags.HasError() || list.IsNull() || list.IsUnknown() {
		return nil, diags
	}
	var names []string
	diags.Append(list.ElementsAs(ctx, &names, false)...)
	keep := make(map[string]bool, len(names)+1)
	keep["id"] = true
	for _, name := range names {
		keep[name] = true
	}
	return keep, diags
}

// computedString is an item attribute: a string the read sets.
func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Computed: true}
}

// quotedList renders values as `a`, `b` and `c` for a description.
func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
