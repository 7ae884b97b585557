package client

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A redirect to another host must not carry the API key there.
func TestRedirectToAnotherHostDoesNotForwardTheKey(t *testing.T) {
	other := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, dataBody())
	})
	// Same machine, another host name: localhost instead of 127.0.0.1.
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	api := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, otherURL+r.URL.RequestURI(), http.StatusFound)
	})

	c := newTestClient(t, api.URL)
	if _, err := c.ListLeads(t.Context(), LeadsQuery{AgentID: "agt_1"}); err != nil {
		t.Fatal(err)
	}
	if other.Requests() == 0 {
		t.Fatal("the redirect was not followed; the test proves nothing")
	}
	for _, r := range other.Recorded() {
		if r.Header.Get("Authorization") != "" {
			t.Fatal("the other host received the Authorization header")
		}
		if strings.Contains(r.URL.String(), testAPIKey) || strings.Contains(fmt.Sprint(r.Header), testAPIKey) {
			t.Fatal("the other host received the API key in the URL or another header")
		}
	}
	if api.Recorded()[0].Header.Get("Authorization") != "Bearer "+testAPIKey {
		t.Fatal("the API itself did not get the key")
	}
}
