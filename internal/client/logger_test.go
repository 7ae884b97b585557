package client

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// recordingLogger keeps every event it receives.
type recordingLogger struct {
	mu     sync.Mutex
	events []string
}

func (l *recordingLogger) record(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, fmt.Sprintf("%s %s %v", level, msg, fields))
}

func (l *recordingLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.record("DEBUG", msg, fields)
}

func (l *recordingLogger) Warn(_ context.Context, msg string, fields map[string]any) {
	l.record("WARN", msg, fields)
}

func (l *recordingLogger) all() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.events, "\n")
}

func TestRetriesAreLoggedAsWarningsWithoutTheKeyOrLeadData(t *testing.T) {
	srv := sequenceServer(t,
		reply(http.StatusServiceUnavailable, `{"message":"busy"}`),
		reply(http.StatusOK, `{"data":[{"id":1,"email":"`+secretValue+`"}]}`),
		reply(http.StatusOK, dataBody()),
	)
	log := &recordingLogger{}
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Logger = log })
	if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"}); err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	events := log.all()
	if !strings.Contains(events, "WARN chatzuri: retrying request") || !strings.Contains(events, "attempt:2") {
		t.Errorf("no retry warning with attempt 2 in the log:\n%s", events)
	}
	if strings.Contains(events, testAPIKey) || strings.Contains(events, "S3CR3T") {
		t.Errorf("the log shows the API key or a lead's data:\n%s", events)
	}
}

func TestClientIsSafeForConcurrentListings(t *testing.T) {
	srv := listServer(t, seq(25), 0)
	c := newTestClient(t, srv.URL)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: fmt.Sprint("agt_", i), PageSize: 4})
			if err != nil {
				t.Errorf("listing %d: %v", i, err)
				return
			}
			if len(res.Items) != 25 {
				t.Errorf("listing %d: %d leads, want 25", i, len(res.Items))
			}
		})
	}
	wg.Wait()
}
