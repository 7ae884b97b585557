package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// TestAccCLI_secretsAndPersonalDataStayOutOfOutputAndLogs runs plan, apply
// and a plan with a rejected key through the Terraform CLI, with Terraform
// core and the provider both logging at trace level, and searches
// everything printed and logged for the API key and for every lead's and
// conversation's personal data. The outputs that carry personal data are
// sensitive, as the docs advise, so none of it may show anywhere.
//
// Serial: it sets TF_LOG and TF_ACC_LOG_PATH (t.Setenv) for the process.
func TestAccCLI_secretsAndPersonalDataStayOutOfOutputAndLogs(t *testing.T) {
	leads := emulator.SeedLeads("agt_logs", 25)
	conversations := emulator.SeedConversations("agt_logs", 15)
	tg := newAccTarget(t, emulator.Options{MaxPageSize: 10,
		Leads:         map[string][]emulator.Lead{"agt_logs": leads},
		Conversations: map[string][]emulator.Conversation{"agt_logs": conversations},
	})
	tg.requireEmulator(t, "it needs to know every lead's and conversation's personal data in advance")
	// A server that quotes a refused key back, as careless APIs do: the
	// provider must not pass it on.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "); got != tg.apiKey {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"message":"invalid API key %s"}`, got)
			return
		}
		tg.emu.ServeHTTP(w, r)
	}))
	t.Cleanup(echo.Close)

	dir := t.TempDir()
	providerLog, coreLog := filepath.Join(dir, "provider.log"), filepath.Join(dir, "core.log")
	tf := newTerraformCLI(t, fmt.Sprintf(`
variable "chatzuri_api_key" {
  type      = string
  sensitive = true
}

provider "chatzuri" {
  base_url    = %q
  api_key     = var.chatzuri_api_key
  max_retries = 0
}

data "chatzuri_leads" "all" {
  agent_id = "agt_logs"
}

data "chatzuri_conversations" "all" {
  agent_id = "agt_logs"
}

output "lead_count" {
  value = length(data.chatzuri_leads.all.leads)
}

output "conversation_count" {
  value = length(data.chatzuri_conversations.all.conversations)
}

output "lead_emails" {
  value     = data.chatzuri_leads.all.leads[*].email
  sensitive = true
}

output "transcripts" {
  value     = data.chatzuri_conversations.all.conversations
  sensitive = true
}
`, echo.URL+"/api/v1"), providerLog)
	logEnv := []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + coreLog}
	const wrongKey = "wrong-key-5be1d07a"

	plan, err := tf.run(t, append(logEnv, "TF_VAR_chatzuri_api_key="+tg.apiKey), "plan", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("terraform plan: %v\n%s", err, plan)
	}
	apply, err := tf.run(t, append(logEnv, "TF_VAR_chatzuri_api_key="+tg.apiKey), "apply", "-auto-approve", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, apply)
	}
	refused, err := tf.run(t, append(logEnv, "TF_VAR_chatzuri_api_key="+wrongKey), "plan", "-input=false", "-no-color")
	if err == nil {
		t.Fatalf("terraform plan with a wrong key succeeded:\n%s", refused)
	}
	printed := plan + apply + refused
	// What was printed and logged must be the real thing, or its silence
	// proves nothing.
	for what, want := range map[string]string{
		"the plan's outputs":  "lead_count         = 25",
		"the applied outputs": "conversation_count = 15",
		"the refusal":         "Chatzuri rejected the API key",
	} {
		if !strings.Contains(printed, want) {
			t.Fatalf("Terraform did not print %s (%q):\n%s", what, want, printed)
		}
	}
	providerLogs := readFile(t, providerLog)
	logs := readFile(t, coreLog) + providerLogs
	coreLogged := strings.Contains(logs, "Terraform version") || strings.Contains(logs, "OpenTofu version")
	if !coreLogged || !containsAll(logs, "get-leads", "get-conversations", "chatzuri: page read", "chatzuri: response", "chatzuri: leads read", "chatzuri: conversations read", "chatzuri: what the API answered", "status=401") {
		t.Fatalf("the trace logs (%d bytes) lack core's or the provider's entries; was logging captured?", len(logs))
	}
	requireOnlyLoggedFields(t, providerLogs)
	// What the API answered: once per read, failed reads included.
	if reads, answered := strings.Count(providerLogs, "chatzuri: reading "), strings.Count(providerLogs, "chatzuri: what the API answered"); reads < 6 || answered != reads {
		t.Errorf("%d reads logged what the API answered %d times, want once each", reads, answered)
	}

	for place, text := range map[string]string{"Terraform's output": printed, "the trace logs": logs} {
		for _, key := range []string{tg.apiKey, wrongKey} {
			if strings.Contains(text, key) {
				t.Errorf("an API key appears in %s", place)
			}
		}
		for _, l := range leads {
			for field, v := range map[string]*string{"email": l.Email, "phone": l.Phone, "name": l.Name} {
				if v != nil && strings.Contains(text, *v) {
					t.Errorf("lead %s's %s appears in %s", l.ID, field, place)
				}
			}
		}
		for _, c := range conversations {
			if c.Customer != nil && strings.Contains(text, *c.Customer) {
				t.Errorf("conversation %s's customer appears in %s", c.ID, place)
			}
			for i, m := range c.Messages {
				if m.Content != nil && strings.Contains(text, *m.Content) {
					t.Errorf("conversation %s's message %d appears in %s", c.ID, i, place)
				}
			}
		}
	}
}

// loggedFields are the only fields the provider's own log entries may carry:
// settings, counts, pages, statuses and timings, never what a body said.
var loggedFields = map[string]bool{
	"base_url": true, "max_retries": true, "max_concurrent_requests": true, "request_timeout": true,
	"agent_id": true, "path": true, "page": true, "attempt": true, "status": true, "retry_after": true, "reason": true, "wait_ms": true,
	"bytes": true, "duration_ms": true, "items": true, "new_items": true, "total": true,
	"leads": true, "conversations": true, "agents": true, "pages": true, "overfetched_pages": true, "truncated": true,
	// What the API's answers showed, once per read (client/seen.go): names and counts.
	"method": true, "envelope": true, "id_types": true, "page_size_asked": true, "page_size_served": true,
	"rate_limit_headers": true, "rate_limit_reset": true,
}

// requireOnlyLoggedFields checks every entry the provider logged itself
// (module "chatzuri", in hclog's text form: "[DEBUG] chatzuri: message:
// key=value ...") against loggedFields.
func requireOnlyLoggedFields(t *testing.T, logs string) {
	t.Helper()
	quoted := regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	key := regexp.MustCompile(`(?:^|\s)([A-Za-z_@][A-Za-z0-9_@.]*)=`)
	ours := 0
	for line := range strings.Lines(logs) {
		_, entry, found := strings.Cut(line, "] chatzuri: ")
		if !found {
			continue
		}
		ours++
		for _, m := range key.FindAllStringSubmatch(quoted.ReplaceAllString(entry, `""`), -1) {
			if k := m[1]; !strings.HasPrefix(k, "@") && !strings.HasPrefix(k, "tf_") && !loggedFields[k] {
				t.Errorf("the provider logged a field %q, which is not a setting, count, page, status or timing:\n%s", k, line)
			}
		}
	}
	if ours < 10 {
		t.Fatalf("found %d of the provider's own log entries; was its log captured?", ours)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
