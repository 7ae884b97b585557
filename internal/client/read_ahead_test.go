package client

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The rules that keep a read with pages fetched ahead (collect) exactly what
// a read of one page after another gives, each shown by a list that moves
// while it is read, at the moment that would break the rule.

// readAheadWindow is the window of these tests: page 1, then pages 2-5 at
// once.
const readAheadWindow = 4

// holdFor bounds how long a test's server holds a page back for another
// page that may never be asked for. Only a client that breaks the rule being
// tested asks for that other page at all, and then at once.
const holdFor = 500 * time.Millisecond

// movingList is a list of leads, newest first, served in pages of the size
// asked, to which a lead arrives at the head, or from which every lead goes,
// while a read pages through it.
type movingList struct {
	mu  sync.Mutex
	ids []string
}

func newMovingList(ids []string) *movingList {
	return &movingList{ids: slices.Clone(ids)}
}

// body is the page r asks for, as the list is now.
func (l *movingList) body(r *http.Request) string {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("size"))
	l.mu.Lock()
	defer l.mu.Unlock()
	from := min(max(page-1, 0)*size, len(l.ids))
	return dataBody(l.ids[from:min(from+size, len(l.ids))]...)
}

// arrive puts a new lead at the head, pushing every other one page-ward.
func (l *movingList) arrive(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ids = append([]string{id}, l.ids...)
}

// empty removes every lead.
func (l *movingList) empty() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ids = nil
}

func pageOf(r *http.Request) int {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	return page
}

// readAhead reads the leads at srv with readAheadWindow pages in flight.
func readAhead(t *testing.T, srv *recordingServer) (*Result[Lead], error) {
	t.Helper()
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxConcurrentRequests = readAheadWindow })
	return c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 10})
}

// assertNoLeadLost checks that got holds every lead of before, the list as
// it was when the read began, exactly once and in its order, and any lead
// that arrived during the read at most once.
func assertNoLeadLost(t *testing.T, got, before []string) {
	t.Helper()
	count := map[string]int{}
	for _, id := range got {
		if count[id]++; count[id] == 2 {
			t.Errorf("lead %s is in the result twice", id)
		}
	}
	var kept []string
	for _, id := range got {
		if slices.Contains(before, id) {
			kept = append(kept, id)
		}
	}
	for _, id := range before {
		if count[id] == 0 {
			t.Errorf("lead %s, in the list from before the read began to its end, is missing", id)
		}
	}
	if !t.Failed() && !slices.Equal(kept, before) {
		t.Errorf("the leads from before the read came in the order %q, want %q", kept, before)
	}
}

// Page 1 is read alone: no other page is asked for before its answer. Were
// pages 2 and on asked for with it, page 2 could be answered first, and a
// lead arriving between the two answers would push page 1's last lead onto
// page 2 after page 2 was read: that lead would be in neither. The second
// read of page 1 at the end could not notice, since it sees the page 1 the
// first read saw. Here the first answer to page 1 waits for an answer to
// page 2, which only such a client asks for in time, and a lead arrives
// right after page 2's first answer.
func TestConcurrentReadAsksForPageOneAloneSoNoLeadFallsBetweenPageOneAndTwo(t *testing.T) {
	before := seq(30)
	list := newMovingList(before)
	var (
		page1Held, page1Answered atomic.Bool
		page2Answered            = make(chan struct{})
		page2Once                sync.Once
		mu                       sync.Mutex
		early                    []int // pages asked for before page 1 was answered
	)
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		page := pageOf(r)
		if page != 1 && !page1Answered.Load() {
			mu.Lock()
			early = append(early, page)
			mu.Unlock()
		}
		if page == 1 && page1Held.CompareAndSwap(false, true) {
			select {
			case <-page2Answered:
			case <-time.After(holdFor):
			}
			body := list.body(r)
			page1Answered.Store(true) // before the client can see the answer
			writeJSON(w, http.StatusOK, body)
			return
		}
		writeJSON(w, http.StatusOK, list.body(r))
		if page == 2 {
			page2Once.Do(func() {
				list.arrive("new")
				close(page2Answered)
			})
		}
	})
	res, err := readAhead(t, srv)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(early) > 0 {
		t.Errorf("pages %v were asked for before page 1 was answered, want none", early)
	}
	assertNoLeadLost(t, idsOf(res.Items), before)
}

// A read that ends on page 2 (empty, or with nothing new) asked for page 2
// only once page 1 was answered, as a read of one page after another does:
// nothing can have fallen between its pages, so it does not pay a second
// request for page 1. That is every read of a list that fits in one page.
func TestConcurrentReadThatEndsOnPageTwoAsksForPageOneOnce(t *testing.T) {
	srv := listServer(t, seq(7), 0)
	res, err := readAhead(t, srv)
	if err != nil {
		t.Fatal(err)
	}
	if ids := idsOf(res.Items); !slices.Equal(ids, seq(7)) {
		t.Fatalf("ids = %q, want %q", ids, seq(7))
	}
	if n := slices.Index(srv.Pages(), "1"); slices.Contains(srv.Pages()[n+1:], "1") {
		t.Errorf("pages asked for = %q: page 1 twice, for a read that ended on page 2", srv.Pages())
	}
}

// Pages fetched ahead may be answered out of order. Here page 3, the end of
// the list, is answered before page 2, and a lead arrives in between: the
// last lead of page 2 is pushed onto page 3, which was read too early to
// hold it. Only the second read of page 1 can notice, and the read then
// starts again one page at a time.
func TestConcurrentReadOfThreePagesReadsPageOneAgainAndCatchesALeadPushedOntoAPageReadEarly(t *testing.T) {
	before := seq(20)
	list := newMovingList(before)
	var (
		page2Held     atomic.Bool
		page3Answered = make(chan struct{})
		page3Once     sync.Once
	)
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		page := pageOf(r)
		if page == 2 && page2Held.CompareAndSwap(false, true) {
			select {
			case <-page3Answered:
			case <-time.After(holdFor):
				t.Error("test premise: page 3 was not asked for while page 2 was on its way")
			}
		}
		writeJSON(w, http.StatusOK, list.body(r))
		if page == 3 {
			page3Once.Do(func() {
				list.arrive("new")
				close(page3Answered)
			})
		}
	})
	res, err := readAhead(t, srv)
	if err != nil {
		t.Fatal(err)
	}
	assertNoLeadLost(t, idsOf(res.Items), before)
}

// When the list moved under a read, the read starts again from page 1, and
// the items handed over before are dropped, even when page 1 is now empty:
// here every lead goes once the first pass has read them all (pages 1-3,
// and the empty page 4 that ends it), and the read returns none, as a read
// begun then would.
func TestConcurrentReadThatStartsAgainOnAListNowEmptyReturnsNoLeads(t *testing.T) {
	list := newMovingList(seq(30))
	var (
		mu       sync.Mutex
		answered = map[int]bool{}
	)
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		body := list.body(r)
		mu.Lock()
		answered[pageOf(r)] = true
		if answered[1] && answered[2] && answered[3] && answered[4] {
			list.empty() // before the client can have seen the first pass end
		}
		mu.Unlock()
		writeJSON(w, http.StatusOK, body)
	})
	res, err := readAhead(t, srv)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 0 {
		t.Errorf("the read returned %d leads of a list that was empty when it was read again, want none", len(res.Items))
	}
}

// A read whose page fails stops at once: the pages fetched ahead that are
// still on their way are cancelled, not waited for. Here page 2 fails once
// page 3 is on its way, and page 3 would never be answered.
func TestConcurrentReadThatFailsCancelsThePagesStillOnTheirWay(t *testing.T) {
	page3Asked := make(chan struct{})
	var page3Once sync.Once
	stop := make(chan struct{})
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch pageOf(r) {
		case 1:
			writeJSON(w, http.StatusOK, dataBody(seq(10)...))
		case 2:
			select {
			case <-page3Asked:
			case <-time.After(holdFor):
				t.Error("test premise: page 3 was not asked for while page 2 was on its way")
			}
			writeJSON(w, http.StatusNotFound, `{"message":"Chatbot not found"}`)
		case 3:
			page3Once.Do(func() { close(page3Asked) })
			select { // never answered: the client must give up on it
			case <-r.Context().Done():
			case <-stop:
			}
		default:
			writeJSON(w, http.StatusOK, dataBody())
		}
	})
	t.Cleanup(func() { close(stop) }) // runs before the server closes
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxConcurrentRequests = readAheadWindow })
	ctx := testContext(t)
	_, err := c.ListLeads(ctx, LeadsQuery{AgentID: "agt_1", PageSize: 10})
	var pageErr *PageError
	if !errors.As(err, &pageErr) || pageErr.Page != 2 {
		t.Fatalf("err = %v, want page 2's error", err)
	}
	if ctx.Err() != nil {
		t.Errorf("the read ended only at its deadline (%v): it waited for page 3, which would never be answered", ctx.Err())
	}
}
