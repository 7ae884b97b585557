package provider

import (
	"testing"
)

// utcDayForms are created_at values in every form the rule names, with the
// day each counts on ("" is undated). The counts, the function and the
// acceptance test that holds them together through Terraform all use them.
var utcDayForms = []struct {
	createdAt *string
	want      string
}{
	// A timestamp with an offset counts on its UTC day, which may be the
	// day after or before the date written: T, t or a space before the time.
	{ptr("2026-01-01T23:30:00-02:00"), "2026-01-02"},
	{ptr("2026-01-01t23:30:00-02:00"), "2026-01-02"},
	{ptr("2026-01-01 23:30:00-02:00"), "2026-01-02"},
	// Z, z, +hh:mm or +hhmm (and - for either).
	{ptr("2026-01-01T23:30:00-0200"), "2026-01-02"},
	{ptr("2026-01-02T01:30:00+03:00"), "2026-01-01"},
	{ptr("2026-01-02T01:30:00+0300"), "2026-01-01"},
	{ptr("2026-01-02 01:30:00+0300"), "2026-01-01"},
	{ptr("2026-01-01T23:30:00Z"), "2026-01-01"},
	{ptr("2026-01-01t23:30:00z"), "2026-01-01"},
	{ptr("2026-01-01 23:30:00Z"), "2026-01-01"},
	{ptr("2026-01-01T23:30:00+00:00"), "2026-01-01"},
	{ptr("2026-01-01T23:30:00-00:00"), "2026-01-01"},
	{ptr("2025-12-31T22:00:00-02:00"), "2026-01-01"},
	{ptr("2026-01-05T23:30:00+0530"), "2026-01-05"},
	{ptr("2026-01-05T02:00:00+0530"), "2026-01-04"},
	{ptr("2026-01-01T23:00:00-23:59"), "2026-01-02"},
	// Fractional seconds, of any length.
	{ptr("2026-01-01T23:30:00.5-02:00"), "2026-01-02"},
	{ptr("2026-01-01T23:30:00.123456Z"), "2026-01-01"},
	{ptr("2026-01-01 23:59:59.999999999999-0001"), "2026-01-02"},
	{ptr("2026-01-01t23:30:00.000z"), "2026-01-01"},
	// A leap second is on its minute's day.
	{ptr("2016-12-31T23:59:60Z"), "2016-12-31"},
	{ptr("2016-12-31T23:59:60-01:00"), "2017-01-01"},
	// A value that starts with a date and has no offset counts on that
	// date, as written.
	{ptr("2026-01-05"), "2026-01-05"},
	{ptr("2026-01-05T23:30:00"), "2026-01-05"},
	{ptr("2026-01-05 23:30:00"), "2026-01-05"},
	{ptr("2026-01-05t23:30:00.123"), "2026-01-05"},
	{ptr("2026-01-05T23:30"), "2026-01-05"},
	{ptr("2026-01-05 (Monday)"), "2026-01-05"},
	{ptr("2024-02-29"), "2024-02-29"},
	// Null, and anything else, is undated: no date first, an impossible
	// date or time, or an offset in no form the rule names.
	{nil, ""},
	{ptr(""), ""},
	{ptr("yesterday"), ""},
	{ptr("05/01/2026"), ""},
	{ptr("1736069400"), ""},
	{ptr(" 2026-01-05"), ""},
	{ptr("2026-1-5"), ""},
	{ptr("2026-13-05T09:30:00Z"), ""},
	{ptr("2026-02-30"), ""},
	{ptr("2025-02-29T10:00:00Z"), ""},
	{ptr("2026-01-05T24:00:00Z"), ""},
	{ptr("2026-01-05T23:60:00Z"), ""},
	{ptr("2026-01-05T23:30:61Z"), ""},
	{ptr("2026-01-05T23:30:00.Z"), ""},
	{ptr("2026-01-05T23:30:00+02"), ""},
	{ptr("2026-01-05T23:30+02:00"), ""},
	{ptr("2026-01-05T23:30:00+24:00"), ""},
	{ptr("2026-01-05T23:30:00+02:60"), ""},
	{ptr("2026-01-05T23:30:00+2:00"), ""},
	{ptr("2026-01-05 23:30:00 +0200"), ""},
	{ptr("2026-01-05T23:30:00ZZ"), ""},
	{ptr("2026-01-05T23:30:00-05:00:00"), ""},
	// Past the years YYYY-MM-DD can write.
	{ptr("0000-01-01T00:30:00+01:00"), ""},
	{ptr("9999-12-31T23:30:00-01:00"), ""},
	{ptr("0000-01-01T00:30:00Z"), "0000-01-01"},
}

func TestUTCDay_everyForm(t *testing.T) {
	t.Parallel()
	for _, tc := range utcDayForms {
		got, ok := utcDay(tc.createdAt)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("utcDay(%s) = %q, %v; want %q", show(tc.createdAt), got, ok, tc.want)
		}
	}
}
