package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

// utcDayRule is the rule of utc_day.go in words, for the function's page and
// the counts' attributes, so that both say the same.
const utcDayRule = "A timestamp with an offset counts on its UTC day: a `YYYY-MM-DD` date, then `T`, `t` or a space, " +
	"then `hh:mm:ss` with or without fractional seconds, then `Z`, `z`, `+hh:mm` or `+hhmm` (or `-`), so " +
	"`2026-01-01T23:30:00-02:00`, `2026-01-01 23:30:00-0200` and `2026-01-01t23:30:00-02:00` are all on `2026-01-02`. " +
	"A value that starts with a `YYYY-MM-DD` date and has no offset counts on that date, as written (`2026-01-05`, `2026-01-05 23:30:00`). " +
	"Anything else is undated: null, a value that does not start with a real date, or one whose time is followed by an offset in none of those forms (such as `+02`)."

// utcDayFunction is provider::chatzuri::utc_day: the counts' day rule
// (utcDay), offered to configurations, where HCL has no way to convert a
// timestamp to UTC.
type utcDayFunction struct{}

var _ function.Function = utcDayFunction{}

func newUTCDayFunction() function.Function { return utcDayFunction{} }

func (utcDayFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "utc_day"
}

func (utcDayFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The UTC day a timestamp counts on, as YYYY-MM-DD",
		MarkdownDescription: "Returns the day, as `YYYY-MM-DD`, that a timestamp such as a lead's or a conversation's `created_at` counts on: " +
			"the day `chatzuri_lead_counts` and `chatzuri_conversation_counts` count it on in `by_day`. " + utcDayRule + " " +
			"An undated value, and null, give null, so a `for` expression can filter them out, as `undated` does in the counts. " +
			"Needs Terraform 1.8 or later, or OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "timestamp",
				AllowNullValue:      true,
				MarkdownDescription: "The timestamp, such as a lead's `created_at`; may be null.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (utcDayFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var timestamp *string
	resp.Error = req.Arguments.Get(ctx, &timestamp)
	if resp.Error != nil {
		return
	}
	var day *string
	if d, ok := utcDay(timestamp); ok {
		day = &d
	}
	resp.Error = resp.Result.Set(ctx, day)
}
