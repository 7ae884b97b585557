package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// countsDefinition declares the counts of a list: chatzuri_lead_counts is
// chatzuri_leads counted. It is served by listCountsDataSource, a third way
// to serve a listDefinition beside listDataSource and listEphemeralResource:
// the list's arguments, validation, request, paging, budget and errors, with
// tallies in the state in place of the list.
type countsDefinition[T any] struct {
	list listDefinition[T]
	// name is the type name's suffix: "lead_counts".
	name        string
	description string
	// leftOut are the list's arguments the counts do not take: a limit
	// would make the counts those of a cut list.
	leftOut []string
	// createdAt is what by_day counts by.
	createdAt func(T) *string
	// group, when set, adds a count per value of one more attribute.
	group *countGroup[T]
}

// countGroup is a count per value of an attribute, such as by_source.
type countGroup[T any] struct {
	// attribute is the map's name ("by_source"); missing is the count of
	// items without a value ("unknown_source").
	attribute, description, missing, missingDescription string
	value                                               func(T) *string
}

var (
	_ datasource.DataSourceWithConfigure      = &listCountsDataSource[struct{}]{}
	_ datasource.DataSourceWithValidateConfig = &listCountsDataSource[struct{}]{}
)

type listCountsDataSource[T any] struct {
	def  countsDefinition[T]
	data *providerData
}

func newListCountsDataSource[T any](def countsDefinition[T]) func() datasource.DataSource {
	return func() datasource.DataSource { return &listCountsDataSource[T]{def: def} }
}

func (d *listCountsDataSource[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.def.name
}

func (d *listCountsDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	list, item := d.def.list.name, d.def.list.item
	attrs := d.def.list.argumentAttributes()
	for _, name := range d.def.leftOut {
		delete(attrs, name)
	}
	attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: fmt.Sprintf(
		"An identifier derived from the arguments that select the %s (all but `page_size` and `timeouts`): the same as `chatzuri_%s`'s for the same arguments.", list, list)}
	attrs["total"] = schema.Int64Attribute{Computed: true, MarkdownDescription: fmt.Sprintf(
		"How many %s the arguments select, each once (de-duplicated by `id`), whatever their fields hold.", list)}
	attrs["by_day"] = schema.MapAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: fmt.Sprintf(
		"How many %s were created on each day, keyed by the day as `YYYY-MM-DD` in UTC, with only the days that have at least one. "+
			"A %s counts on the day the function `provider::chatzuri::utc_day` gives for its `created_at`. %s "+
			"Undated ones count in `undated`.", list, item, utcDayRule)}
	attrs["undated"] = schema.Int64Attribute{Computed: true, MarkdownDescription: fmt.Sprintf(
		"How many %s have a `created_at` that is null or undated by the rule of `by_day` (those for which `provider::chatzuri::utc_day` gives null): "+
			"counted in `total`, in no day of `by_day`.", list)}
	if g := d.def.group; g != nil {
		attrs[g.attribute] = schema.MapAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: g.description}
		attrs[g.missing] = schema.Int64Attribute{Computed: true, MarkdownDescription: g.missingDescription}
	}
	attrs["timeouts"] = readTimeoutAttribute(ctx)
	resp.Schema = schema.Schema{MarkdownDescription: d.def.description, Attributes: attrs}
}

func (d *listCountsDataSource[T]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig is the list's own validation, on the list's view of the
// configuration.
func (d *listCountsDataSource[T]) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	if d.def.list.validate == nil {
		return
	}
	config, diags := d.listConfig(ctx, req.Config)
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.Diagnostics.Append(d.def.list.validate(ctx, config)...)
	}
}

func (d *listCountsDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	counts, id, ok := d.count(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	set := func(name string, v any) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	set("id", id)
	set("total", counts.total)
	set("by_day", counts.byDay)
	set("undated", counts.undated)
	if g := d.def.group; g != nil {
		set(g.attribute, counts.byGroup)
		set(g.missing, counts.ungrouped)
	}
}

// count reads the list as the list's data source would (readPages), and
// tallies each page as it arrives.
func (d *listCountsDataSource[T]) count(ctx context.Context, countsConfig tfsdk.Config, diags *diag.Diagnostics) (*listCounts, string, bool) {
	config, dd := d.listConfig(ctx, countsConfig)
	diags.Append(dd...)
	if diags.HasError() {
		return nil, "", false
	}
	counts := newListCounts()
	req, _, ok := d.def.list.readPages(ctx, d.data, config, diags, func(*listRequest) (client.Visit[T], diag.Diagnostics) {
		return func(items []T, restart bool) error {
			if restart {
				counts = newListCounts()
			}
			for _, item := range items {
				var group *string
				if d.def.group != nil {
					group = d.def.group.value(item)
				}
				counts.add(d.def.createdAt(item), group)
			}
			return nil
		}, nil
	})
	return counts, req.id, ok
}

// listConfig is the counts' configuration as the list's data source would
// see it: the same arguments, and null for those the counts leave out, so
// the list's own validation and request read it unchanged.
func (d *listCountsDataSource[T]) listConfig(ctx context.Context, countsConfig tfsdk.Config) (tfsdk.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	var ds datasource.SchemaResponse
	(&listDataSource[T]{def: d.def.list}).Schema(ctx, datasource.SchemaRequest{}, &ds)
	listType, _ := ds.Schema.Type().TerraformType(ctx).(tftypes.Object)
	var values map[string]tftypes.Value
	if err := countsConfig.Raw.As(&values); err != nil {
		diags.AddError("Unable to read the configuration", fmt.Sprintf("%v. This is a bug in the provider; please report it.", err))
		return tfsdk.Config{}, diags
	}
	listValues := make(map[string]tftypes.Value, len(listType.AttributeTypes))
	for name, typ := range listType.AttributeTypes {
		if v, ok := values[name]; ok && v.Type().Equal(typ) {
			listValues[name] = v
		} else {
			listValues[name] = tftypes.NewValue(typ, nil)
		}
	}
	return tfsdk.Config{Schema: ds.Schema, Raw: tftypes.NewValue(listType, listValues)}, diags
}
