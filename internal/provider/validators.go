package provider

import (
	"context"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// notBlank refuses empty and whitespace-only strings. Its message never
// repeats the value, so it is safe on sensitive attributes.
type notBlank string

func (v notBlank) Description(context.Context) string {
	return "must not be empty or only whitespace"
}

func (v notBlank) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v notBlank) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty value",
			req.Path.String()+" is empty or only whitespace. Set it to "+string(v)+".")
	}
}

// baseURLValidator applies the client's own rules for a base URL.
type baseURLValidator struct{}

func (baseURLValidator) Description(context.Context) string {
	return "must be an absolute https URL, or http to a loopback host"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	u, err := client.ParseBaseURL(req.ConfigValue.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base URL", err.Error()+".")
		return
	}
	if detail, ok := baseURLPathWarning(req.Path.String(), u); ok {
		resp.Diagnostics.AddAttributeWarning(req.Path, baseURLPathSummary, detail)
	}
}

// apiPath ends every Chatzuri API base URL: the endpoints are under it.
const apiPath = "/api/v1"

// baseURLPathSummary is the warning's headline, as the troubleshooting guide
// names it.
const baseURLPathSummary = "base_url does not end in /api/v1"

// baseURLPathWarning says, for a base URL whose path does not end in
// /api/v1, where the requests will go and the form Chatzuri's API has. A
// warning, not an error: a proxy in front of the API may rewrite paths.
// what names the setting: base_url or its environment variable.
func baseURLPathWarning(what string, u *url.URL) (string, bool) {
	if strings.HasSuffix(u.Path, apiPath) {
		return "", false
	}
	api := url.URL{Scheme: u.Scheme, Host: u.Host, Path: apiPath}
	return fmt.Sprintf("%s is %q, whose path does not end in %s, so the provider will ask %s/get-leads and the like, "+
		"which Chatzuri's API does not serve: a read would fail with 404. Chatzuri's API is at %s; at this host its form is %q. "+
		"Ignore this warning only if a proxy at this URL rewrites the paths to the API's.",
		what, u.String(), apiPath, u.String(), client.DefaultBaseURL, api.String()), true
}

// dateValidator accepts real calendar dates written YYYY-MM-DD.
type dateValidator struct{}

func (dateValidator) Description(context.Context) string {
	return "must be a calendar date written YYYY-MM-DD"
}

func (v dateValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (dateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseDate(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid date", req.Path.String()+" "+err.Error()+".")
	}
}

// parseDate reads a zero-padded YYYY-MM-DD date and refuses impossible
// days such as 2026-02-30.
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if len(s) == len(time.DateOnly) && strings.Count(s, "-") == 2 {
			return time.Time{}, fmt.Errorf("is %q, which is not a day of the calendar; write a real date such as 2026-01-31", s)
		}
		return time.Time{}, fmt.Errorf("is %q; write the date as YYYY-MM-DD, zero-padded, such as 2026-01-05", s)
	}
	return t, nil
}

// maxRequestTimeout keeps a mistyped request_timeout from letting one stuck
// request hold a run for hours.
const maxRequestTimeout = time.Hour

// durationValidator accepts a positive duration such as "30s" or "2m", at
// most max when max is set.
type durationValidator struct{ max time.Duration }

func (durationValidator) Description(context.Context) string {
	return `must be a duration such as "30s" or "2m"`
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseDuration(req.ConfigValue.ValueString(), v.max); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", req.Path.String()+" "+err.Error()+".")
	}
}

// parseTimeout reads a request_timeout: a duration within (0, maxRequestTimeout].
func parseTimeout(s string) (time.Duration, error) {
	return parseDuration(s, maxRequestTimeout)
}

// parseDuration reads a duration written as Terraform users write them
// ("30s", "2m", "1m30s") and keeps it above 0 and, when limit is set, at
// most limit.
func parseDuration(s string, limit time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	switch {
	case err != nil:
		return 0, fmt.Errorf(`is %q, which is not a duration; write one such as "30s", "2m" or "1m30s"`, s)
	case d <= 0:
		return 0, fmt.Errorf("is %q; it must be more than 0", s)
	case limit > 0 && d > limit:
		return 0, fmt.Errorf("is %q; it must be at most %s", s, limit)
	}
	return d, nil
}

// noSurroundingSpace refuses a value with leading or trailing whitespace,
// which an API would take as part of the value.
type noSurroundingSpace struct{}

func (noSurroundingSpace) Description(context.Context) string {
	return "must not begin or end with whitespace"
}

func (v noSurroundingSpace) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (noSurroundingSpace) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if s := req.ConfigValue.ValueString(); s != strings.TrimSpace(s) && strings.TrimSpace(s) != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Whitespace around a value",
			fmt.Sprintf("%s is %q, with whitespace at its start or end, which Chatzuri would take as part of it. Remove the whitespace: %q.",
				req.Path, s, strings.TrimSpace(s)))
	}
}

// wholeNumber accepts a whole number from min to max. The schema declares
// such attributes as numbers, not Int64: the framework turns a fraction in
// an Int64 attribute into an internal error before any validator runs.
type wholeNumber struct{ min, max int64 }

func (v wholeNumber) Description(context.Context) string {
	return fmt.Sprintf("must be a whole number from %d to %d", v.min, v.max)
}

func (v wholeNumber) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v wholeNumber) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	f := req.ConfigValue.ValueBigFloat()
	n, accuracy := f.Int64()
	if !f.IsInt() || accuracy != big.Exact || n < v.min || n > v.max {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid number",
			fmt.Sprintf("%s is %s; it must be a whole number from %d to %d.", req.Path, f.Text('g', -1), v.min, v.max))
	}
}

// wholeValue is a number wholeNumber validated, or 0 when unset.
func wholeValue(n types.Number) int {
	if n.IsNull() || n.IsUnknown() {
		return 0
	}
	i, _ := n.ValueBigFloat().Int64()
	return int(i)
}
