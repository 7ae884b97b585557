package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// pageSizing declares a list's page_size argument (listDefinition.pageSize):
// how large a page it may ask for. Under a rate limit the number of
// requests is the whole cost of a read, so a list whose page size Chatzuri
// does not bound takes pages up to undocumentedMaxPageSize; one whose size
// it documents stays within it. Every list defaults to
// client.DefaultPageSize, the largest size any of Chatzuri's pages
// documents.
type pageSizing struct {
	// max is the largest page_size accepted.
	max int
	// documented says max is Chatzuri's own maximum for the list; otherwise
	// Chatzuri documents none, and max is the provider's bound.
	documented bool
}

// undocumentedMaxPageSize is the largest page where Chatzuri documents no
// maximum: a page of 1,000 leads is about 250 KB, far inside the client's
// bound on a body (client.DefaultMaxBodyBytes), and ten times fewer
// requests than the default.
const undocumentedMaxPageSize = 1000

var (
	// pageSizeUpTo100 is a list Chatzuri documents at most 100 a page for
	// (Get Conversations: "default 10, max 100").
	pageSizeUpTo100 = &pageSizing{max: 100, documented: true}
	// pageSizeUndocumented is a list Chatzuri documents no maximum for
	// (Get Leads: no default or maximum).
	pageSizeUndocumented = &pageSizing{max: undocumentedMaxPageSize}
)

// attribute is the page_size argument of a list of plural.
func (p pageSizing) attribute(plural string) schema.NumberAttribute {
	bound := fmt.Sprintf("the most Chatzuri documents for %s", plural)
	if !p.documented {
		bound = fmt.Sprintf("Chatzuri documents no maximum for %s. Under a rate limit every request counts, so a larger page reads them in fewer requests; "+
			"a server that refuses a size answers 400, and the error then names `page_size`", plural)
	}
	return schema.NumberAttribute{
		MarkdownDescription: fmt.Sprintf("How many %s to ask for per request, a whole number from 1 to %d: %s. Defaults to `%d`, the largest page size Chatzuri documents for any list. "+
			"A server that returns fewer than asked is handled: reading continues until a page is empty or brings nothing new.",
			plural, p.max, bound, client.DefaultPageSize),
		Optional:   true,
		Validators: []validator.Number{wholeNumber{min: 1, max: int64(p.max)}},
	}
}

// readPageSize sets req's page size from the page_size argument, and, for
// a size past client.DefaultPageSize, names page_size among the likely
// causes of a 400: Chatzuri documents no size that large for any list, so
// a server may refuse it.
func (p pageSizing) readPageSize(ctx context.Context, config tfsdk.Config, req *listRequest) diag.Diagnostics {
	var size types.Number
	diags := config.GetAttribute(ctx, path.Root("page_size"), &size)
	req.query.PageSize = wholeValue(size)
	if req.query.PageSize > client.DefaultPageSize {
		req.badRequestHint = joinHints(req.badRequestHint, fmt.Sprintf(
			"page_size is %d, more than %d, the largest page size Chatzuri documents for any list: if Chatzuri refuses it, lower page_size to %d or less.",
			req.query.PageSize, client.DefaultPageSize, client.DefaultPageSize))
	}
	return diags
}

func joinHints(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}
