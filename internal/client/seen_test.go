package client

import (
	"strings"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// seenEntries are the "what the API answered" entries in log.
func seenEntries(log *recordingLogger) []string {
	var entries []string
	for _, e := range strings.Split(log.all(), "\n") {
		if strings.HasPrefix(e, "DEBUG chatzuri: what the API answered") {
			entries = append(entries, e)
		}
	}
	return entries
}

// Every read logs once, at DEBUG, what the API's answers showed: the
// envelope, how ids were spelled, the method, the status, the page size
// served against the size asked, and the rate-limit headers; never a value.
func TestEveryReadLogsOnceWhatTheAPIAnswered(t *testing.T) {
	seeded := emulator.SeedLeads("agt_seen", 40)
	for i := range seeded {
		seeded[i].NumericID = i%3 != 0 // ids of both kinds
	}
	for _, tc := range []struct {
		name string
		opts emulator.Options
		read func(c *Client) error
		want []string
	}{
		{"the documented variant", emulator.Options{Leads: map[string][]emulator.Lead{"agt_seen": seeded}},
			func(c *Client) error {
				_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_seen", PageSize: 25})
				return err
			},
			[]string{"path:get-leads", "method:GET", "status:202", "envelope:data", "id_types:number and string", "page_size_asked:25", "page_size_served:25", "rate_limit_headers:none", "rate_limit_reset:none"}},
		{"POST, another envelope, a capped size, rate-limit headers in seconds", emulator.Options{
			Leads: map[string][]emulator.Lead{"agt_seen": seeded}, Method: emulator.MethodPOST, Envelope: emulator.EnvelopeCollectedCustomersData,
			MaxPageSize: 7, SuccessStatus: 200, RateLimit: &emulator.RateLimit{Requests: 1000, Window: time.Second, Headers: true, ResetInSeconds: true},
		},
			func(c *Client) error {
				_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_seen", PageSize: 50})
				return err
			},
			[]string{"method:POST after 405 to GET ", "status:200", "envelope:collectedCustomers.data ", "page_size_asked:50 ", "page_size_served:7 ",
				"rate_limit_headers:X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset ", "rate_limit_reset:unix_s"}},
		{"ids all numbers", emulator.Options{Leads: map[string][]emulator.Lead{"agt_num": emulator.SeedLeads("agt_num", 5)}},
			func(c *Client) error {
				_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_num"})
				return err
			},
			[]string{"path:get-leads", "id_types:number method:", "page_size_served:5"}},
		{"agents", emulator.Options{Leads: map[string][]emulator.Lead{"agt_seen": nil}},
			func(c *Client) error {
				_, err := readAll(testContext(t), c, Agents, Query{})
				return err
			},
			[]string{"path:get-chatbots", "envelope:chatbots", "id_types:string", "page_size_asked:100", "page_size_served:1"}},
		{"a failed read", emulator.Options{Leads: map[string][]emulator.Lead{"agt_seen": seeded}, APIKey: "another-key"},
			func(c *Client) error {
				if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_seen"}); err == nil {
					t.Error("a read with the wrong key succeeded")
				}
				return nil
			},
			[]string{"path:get-leads", "method:GET", "status:none", "envelope:none", "id_types:none", "page_size_served:0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, base := startEmulator(t, tc.opts)
			log := &recordingLogger{}
			c := newTestClient(t, base, func(cfg *Config) {
				cfg.APIKey = emulatorKey
				cfg.Logger = log
				cfg.MaxConcurrentRequests = 4
			})
			if err := tc.read(c); err != nil {
				t.Fatalf("read: %v", err)
			}
			entries := seenEntries(log)
			if len(entries) != 1 {
				t.Fatalf("%d entries of what the API answered, want 1 per read:\n%s", len(entries), log.all())
			}
			for _, want := range tc.want {
				if !strings.Contains(entries[0]+" ", want) {
					t.Errorf("the entry lacks %q:\n%s", want, entries[0])
				}
			}
			for _, l := range seeded {
				for _, v := range []*string{l.Email, l.Phone, l.Name} {
					if v != nil && strings.Contains(log.all(), *v) {
						t.Fatalf("the log shows lead %s's personal data", l.ID)
					}
				}
			}
		})
	}
}
