package provider

import (
	"net/url"
	"testing"
)

// The id is read by people (Terraform prints it after every read), and must
// stay one id per selection: only what would be ambiguous is escaped.
func TestSelectionID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		owner string
		args  url.Values
		want  string
	}{
		{"agt_1", nil, "agt_1"},
		{"agt_1", url.Values{"start_date": {"2026-11-24"}, "end_date": {"2026-11-30"}}, "agt_1?end_date=2026-11-30&start_date=2026-11-24"},
		{"agt_1", url.Values{"filtered_sources": {"WhatsApp,Widget or Iframe"}}, "agt_1?filtered_sources=WhatsApp,Widget or Iframe"},
		{"agt_1", url.Values{"x": {"a&b=c%#"}}, "agt_1?x=a%26b=c%25%23"},
	}
	for _, tc := range cases {
		if got := selectionID(tc.owner, tc.args); got != tc.want {
			t.Errorf("selectionID(%q, %v) = %q, want %q", tc.owner, tc.args, got, tc.want)
		}
	}
	if got := withIDArg("agt_1?start_date=2026-11-24", "fields", "created_at,id"); got != "agt_1?start_date=2026-11-24&fields=created_at,id" {
		t.Errorf("withIDArg = %q", got)
	}
	if got := withIDArg("agt_1", "fields", "id"); got != "agt_1?fields=id" {
		t.Errorf("withIDArg = %q", got)
	}
}
