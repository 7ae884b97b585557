package emulator

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Stats counts the answers a fault replaced, so that a caller (the
// standalone emulator's /_emulator/stats, and examples-check through it)
// can hold a client's retries to the failures it was served.
func TestStatsCountTheFaultedAnswers(t *testing.T) {
	t.Parallel()
	emu := New(Options{APIKey: "k", Faults: FaultOnRequests(FaultServerError, 2, 3)})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	var statuses []int
	for range 4 {
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/get-chatbots", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer k")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
	}
	want := []int{http.StatusAccepted, http.StatusInternalServerError, http.StatusInternalServerError, http.StatusAccepted}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses %v, want %v", statuses, want)
		}
	}
	if st := emu.Stats(); st.Faulted != 2 || st.Requests != 4 {
		t.Errorf("stats: %d faulted of %d requests, want 2 of 4", st.Faulted, st.Requests)
	}
}
