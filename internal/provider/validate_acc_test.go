package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestAccCLI_validateNamesEveryBadArgument runs terraform validate, which
// sends no request, on a configuration where every argument is wrong, and
// expects an error for each, naming the argument and what would be right.
func TestAccCLI_validateNamesEveryBadArgument(t *testing.T) {
	t.Parallel()
	// Terraform validates no data source whose provider configuration is
	// invalid, so the provider's arguments and the data sources' are checked
	// in two configurations.
	cases := []struct {
		name, config string
		want         []string
		once, never  []string
	}{
		{
			name: "provider",
			config: `
provider "chatzuri" {
  api_key                 = ""
  base_url                = "http://api.example.com/v1"
  max_retries             = -1
  max_concurrent_requests = 0
  request_timeout         = "30"
}

provider "chatzuri" {
  alias    = "relative"
  api_key  = "k"
  base_url = "api/v1"
}

provider "chatzuri" {
  alias                   = "fractions"
  api_key                 = "k"
  max_retries             = 1.5
  max_concurrent_requests = 1e3
}

data "chatzuri_leads" "fractions" {
  provider = chatzuri.fractions
  agent_id = "agt_a"
}

data "chatzuri_leads" "test" {
  agent_id = "agt_a"
}

data "chatzuri_leads" "relative" {
  provider = chatzuri.relative
  agent_id = "agt_a"
}
`,
			want: []string{
				`(?s)api_key is empty`,
				`(?s)Invalid base URL.*clear text`,
				`(?s)Invalid base URL.*not an absolute URL`,
				`(?s)max_retries is -1; it must be a whole number from 0 to 20`,
				`(?s)max_concurrent_requests is 0; it must be a whole number from 1 to 32`,
				`(?s)max_retries is 1.5; it must be a whole number from 0 to 20`,
				`(?s)max_concurrent_requests is 1000; it must be a whole number from 1 to 32`,
				`(?s)request_timeout is "30", which is not a duration.*"30s"`,
			},
		},
		{
			name: "data sources",
			config: `
provider "chatzuri" {
  api_key = "k"
}

data "chatzuri_leads" "dates" {
  agent_id   = "  "
  start_date = "2026-02-30"
  end_date   = "2026-1-5"
  page_size  = 0
  max_leads  = -3
  timeouts = {
    read = "0s"
  }
}

data "chatzuri_leads" "order" {
  agent_id   = "agt_a"
  start_date = "2026-03-02"
  end_date   = "2026-03-01"
}

data "chatzuri_conversations" "sources" {
  agent_id          = "agt_a"
  filtered_sources  = ["Telegram"]
  max_conversations = 0
  timeouts = {
    read = "5 minutes"
  }
}

data "chatzuri_leads" "fractions" {
  agent_id  = " agt_a"
  page_size = 10.5
  max_leads = 2.5
}

data "chatzuri_leads" "huge" {
  agent_id  = "agt_a "
  page_size = 1001
  max_leads = 1e30
}

data "chatzuri_conversations" "pages" {
  agent_id  = "agt_a"
  page_size = 101
}

data "chatzuri_leads" "typo" {
  agent_id = "agt_a"
  fields   = ["emial", "created-at", "telephone"]
}
`,
			want: []string{
				`(?s)agent_id is empty or only whitespace`,
				`(?s)start_date.*"2026-02-30".*not a day of the calendar`,
				`(?s)end_date.*"2026-1-5".*YYYY-MM-DD,\s+zero-padded,\s+such\s+as\s+2026-01-05\.`,
				`(?s)page_size is 0; it must be a whole number from 1 to 1000`,
				`(?s)max_leads is -3; it must be a whole number from 1 to`,
				`(?s)timeouts.read is "0s"; it must be more than 0`,
				`(?s)end_date is before start_date`,
				`(?s)filtered_sources\[0\]\s+is\s+"Telegram",\s+which\s+is\s+not\s+a\s+source\s+Chatzuri\s+documents\.\s+It\s+must\s+be\s+one\s+of\s+"API",\s+.*\s+or\s+"Widget\s+or\s+Iframe"\.`,
				`(?s)fields\[0\]\s+is\s+"emial",\s+which\s+is\s+not\s+an\s+attribute\s+of\s+the\s+leads\.\s+Did\s+you\s+mean\s+"email"\?\s+It\s+must\s+be\s+one\s+of\s+"chatbot_id",\s+`,
				`(?s)fields\[1\]\s+is\s+"created-at",\s+which\s+is\s+not\s+an\s+attribute\s+of\s+the\s+leads\.\s+Did\s+you\s+mean\s+"created_at"\?`,
				`(?s)fields\[2\]\s+is\s+"telephone",\s+which\s+is\s+not\s+an\s+attribute\s+of\s+the\s+leads\.\s+It\s+must\s+be\s+one\s+of`,
				`(?s)max_conversations is 0; it must be a whole number`,
				`(?s)timeouts.read is "5 minutes", which is not a duration`,
				`(?s)agent_id is " agt_a", with whitespace at its start or end.*Remove the whitespace: "agt_a"`,
				`(?s)agent_id is "agt_a ", with whitespace`,
				`(?s)page_size is 10.5; it must be a whole number from 1 to 1000`,
				`(?s)max_leads is 2.5; it must be a whole number`,
				`(?s)page_size is 1001; it must be a whole number from 1 to 1000`,
				// Conversations: Chatzuri documents at most 100.
				`(?s)page_size is 101; it must be a whole number from 1 to 100\.`,
				`(?s)max_leads is 1e\+30; it must be a whole number from 1 to 10000000`,
			},
			// Each of these once: on its attribute, not twice over.
			once: []string{`timeouts.read is "5 minutes"`, `page_size is 10.5`, `max_leads is 2.5`},
			// The framework's messages, which the provider's replace.
			never: []string{`report the following to the provider developer`, `is not an integer`, `must be a string containing a sequence of decimal numbers`,
				`value must be one of`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := newTerraformCLI(t, tc.config, "").run(t, nil, "validate", "-no-color")
			if err == nil {
				t.Fatalf("terraform validate passed:\n%s", out)
			}
			for _, want := range tc.want {
				if !regexp.MustCompile(want).MatchString(out) {
					t.Errorf("terraform validate did not report %s", want)
				}
			}
			for _, s := range tc.once {
				if n := strings.Count(out, s); n != 1 {
					t.Errorf("terraform validate reported %q %d times, want once", s, n)
				}
			}
			for _, s := range tc.never {
				if strings.Contains(out, s) {
					t.Errorf("terraform validate printed %q", s)
				}
			}
			if t.Failed() {
				t.Logf("terraform validate printed:\n%s", out)
			}
		})
	}
}

// TestAccCLI_validateWarnsOfBaseURLWithoutAPIPath runs terraform validate on
// a base_url without /api/v1, which would fail every read with a 404: it
// passes, as a proxy may rewrite paths, with a warning that names the
// attribute and the form to use. A base_url that ends in /api/v1 gets none.
func TestAccCLI_validateWarnsOfBaseURLWithoutAPIPath(t *testing.T) {
	t.Parallel()
	config := `
provider "chatzuri" {
  api_key  = "k"
  base_url = %q
}

data "chatzuri_agents" "team" {}
`
	out, err := newTerraformCLI(t, fmt.Sprintf(config, "http://127.0.0.1:8080"), "").run(t, nil, "validate", "-no-color")
	if err != nil {
		t.Fatalf("terraform validate failed on a warning:\n%s", out)
	}
	for _, want := range []string{
		`(?s)Warning:\s+base_url\s+does\s+not\s+end\s+in\s+/api/v1`,
		`(?s)base_url\s+is\s+"http://127\.0\.0\.1:8080",\s+whose\s+path\s+does\s+not\s+end\s+in\s+/api/v1`,
		`(?s)at\s+this\s+host\s+its\s+form\s+is\s+"http://127\.0\.0\.1:8080/api/v1"`,
		`(?s)proxy`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("terraform validate did not report %s:\n%s", want, out)
		}
	}
	out, err = newTerraformCLI(t, fmt.Sprintf(config, "http://127.0.0.1:8080/api/v1"), "").run(t, nil, "validate", "-no-color")
	if err != nil || strings.Contains(out, "Warning") {
		t.Errorf("terraform validate on a base_url ending in /api/v1: %v\n%s", err, out)
	}
}
