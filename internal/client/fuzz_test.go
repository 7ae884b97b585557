package client

import (
	"strings"
	"testing"
)

// FuzzDecodeLeads feeds arbitrary bodies to the page decoder: it must never
// panic, must give leads or an error, and its errors must not quote the
// body (which holds personal data).
func FuzzDecodeLeads(f *testing.F) {
	for _, seed := range []string{
		`{"data":[{"id":1,"email":"a@example.com"}]}`,
		`{"data":[{"id":"lead_1","name":null}]}`,
		`{"collectedCustomers":[{"id":9007199254740993,"phone":"+254700000000"}]}`,
		`{"collectedCustomers":{"data":[{"id":2,"created_at":"2026-01-01T00:00:00Z"}]}}`,
		`{"data":null}`,
		`{"data":[{"email":"x"}]}`,
		`{"data":[{"id":{"nested":"secret-value"}}]}`,
		`<html>502 Bad Gateway</html>`,
		`{"data":[{"id":1,"name":"Zo\u00eb"}`,
		`[]`, ``, `null`, `{"message":"oops"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		leads, err := decodeLeads(body)
		if err != nil {
			if leads != nil {
				t.Fatalf("got %d leads and an error", len(leads))
			}
			// A marker of at least 8 distinctive bytes placed in a string
			// value must not come back in the error.
			if strings.Contains(err.Error(), "secret-value") {
				t.Fatalf("the error quotes the body: %v", err)
			}
			return
		}
		for _, l := range leads {
			if l.ID == "" {
				t.Fatal("a decoded lead has no id")
			}
		}
	})
}
