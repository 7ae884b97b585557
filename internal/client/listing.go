package client

import (
	"context"
	"fmt"
	"net/url"
	"sync"
)

// List declares one paginated endpoint: where it is, how its pages are
// decoded and how to tell two items apart. Paging, retries, concurrency and
// termination are Each's, the same for every List.
type List[T any] struct {
	// Path is the endpoint's path under the base URL, such as "get-leads".
	Path string
	// Decode finds the items in a page body. Its errors name fields, never
	// their values. It may note in seen (never nil) what the body looked
	// like, for the log of what the API did (seen.go).
	Decode func(body []byte, seen *PageShape) ([]T, error)
	// ID tells two items apart, for de-duplication across shifting pages.
	ID func(T) string
	// Sequential reads one page after another, never ahead: for endpoints
	// that document no paging, where read-ahead would only repeat page 1.
	Sequential bool
}

// Query is one read of a List.
type Query struct {
	// Params are sent with every page request, besides page and size.
	Params url.Values
	// PageSize is the size asked of each page; 0 or less means DefaultPageSize.
	PageSize int
	// Limit is how many items to return at most; 0 means all.
	Limit int
}

// Visit receives a read's new items page by page, in the API's order, as
// they arrive, so the caller can convert them while later pages are still on
// their way. When restart is set, the items handed over before must be
// dropped: the read began again from page 1. Visit must not keep the slice
// past its return.
type Visit[T any] func(items []T, restart bool) error

// Each reads every page of l for q and hands each page's new items to visit.
// It logs, once, what the API's answers showed (Stats.Seen), whether the
// read succeeded or not.
func Each[T any](ctx context.Context, c *Client, l List[T], q Query, visit Visit[T]) (Stats, error) {
	if q.PageSize <= 0 {
		q.PageSize = DefaultPageSize
	}
	st, err := collect(ctx, c, listing[T]{List: l, Query: q}, visit)
	c.logSeen(ctx, l.Path, q.PageSize, st.Seen)
	return st, err
}

// listing is a List with its Query.
type listing[T any] struct {
	List[T]
	Query
}

// Stats describes a finished listing.
type Stats struct {
	// Items is how many items were handed over.
	Items int
	// Truncated is set when more items existed past the limit.
	Truncated bool
	// Pages is how many pages were used, up to and including the one that
	// ended the listing.
	Pages int
	// Overfetched is how many pages were requested and discarded: those
	// requested ahead, past that one, at most the window less one; after a
	// read that started again (collect), also every page of the first pass
	// and the second read of page 1. Only the debug log shows it.
	Overfetched int
	// Seen is what the answers to the pages used showed (seen.go).
	Seen Seen
}

type pageResult[T any] struct {
	items []T
	info  pageInfo
	err   error
}

// collect reads a listing with up to MaxConcurrentRequests pages in flight.
//
// Fetched ahead, page k+1 may be read before page k; if new items arrive at
// the head of the list in between, the items at that boundary are in
// neither page. A sequential read cannot lose an item that way: each page
// sees a list at least as new as the page before. So page 1 is read alone
// first, and after a read of three pages or more, page 1 is read again: if
// it changed, the list moved under the read, which starts again one page
// after another. That costs two round trips and keeps the result identical
// to the sequential read's. A read that ended on page 2 needs no second
// look: page 2 was asked for once page 1 was answered, as in the sequential
// read, and the pages fetched ahead of it were not used.
func collect[T any](ctx context.Context, c *Client, l listing[T], visit Visit[T]) (Stats, error) {
	window := c.cfg.MaxConcurrentRequests
	if window == 1 || l.Sequential {
		st, _, err := collectWindow(ctx, c, l, 1, visit)
		return st, err
	}
	st, firstPage, err := collectWindow(ctx, c, l, window, visit)
	if err != nil || st.Pages < 3 {
		return st, err
	}
	again, info, err := getPage(ctx, c, l.Path, pageQuery(l.Params, 1, l.PageSize), l.Decode)
	st.Seen.add(info)
	if err != nil {
		return st, &PageError{Path: l.Path, Page: 1, Err: err}
	}
	if sameIDs(firstPage, again, l.ID) {
		return st, nil
	}
	c.log.Warn(ctx, "chatzuri: the list changed during a concurrent read; reading it again one page at a time", map[string]any{"path": l.Path})
	again2, _, err := collectWindow(ctx, c, l, 1, visit)
	again2.Overfetched += st.Pages + st.Overfetched + 1
	st.Seen.merge(again2.Seen)
	again2.Seen = st.Seen
	return again2, err
}

// collectWindow reads pages 1, 2, ... and hands each page's new items to
// visit, strictly in page order, while up to window-1 later pages are
// already on their way (the provider-wide gate bounds them further). Page 1
// is read before any other. It returns the items of page 1 as first read,
// for collect to compare with a second read. It stops at whichever comes
// first:
//   - an empty page;
//   - a page that brings no item not already seen (a server that ignores or
//     repeats page would otherwise be read forever);
//   - more items than the limit (the last page then shows there are more);
//   - the MaxPages safety bound, which is an error, never a quiet short list.
//
// A short page is not the end: servers cap size below what was asked.
// Items are de-duplicated by id, keeping the first, since pages shift while
// new items arrive. Pages fetched ahead past the end are counted
// (Overfetched): those not yet sent are dropped, those sent run to their end.
func collectWindow[T any](ctx context.Context, c *Client, l listing[T], window int, visit Visit[T]) (st Stats, firstPage []T, err error) {
	ctx, cancel := context.WithCancel(ctx)
	abandon := make(chan struct{})
	reqCtx := withAbandon(ctx, abandon)
	var wg sync.WaitGroup
	defer func() {
		// Pages fetched ahead past the end: those still waiting for a place
		// are dropped unsent; those sent finish, so the server never sees
		// more requests at once than the gate allows. On failure, stop all.
		close(abandon)
		if err != nil {
			cancel()
		}
		wg.Wait() // no request outlives the listing
		cancel()
	}()

	pending := make(map[int]chan pageResult[T])
	launched := 0
	launch := func(page int) {
		done := make(chan pageResult[T], 1)
		pending[page] = done
		launched = page
		wg.Go(func() {
			items, info, err := getPage(reqCtx, c, l.Path, pageQuery(l.Params, page, l.PageSize), l.Decode)
			done <- pageResult[T]{items, info, err}
		})
	}

	seen := make(map[string]struct{})
	for page := 1; ; page++ {
		if page > c.cfg.MaxPages {
			return st, nil, fmt.Errorf("stopped after %d pages of %s without reaching the end (%d items so far); the server may be ignoring the page parameter", c.cfg.MaxPages, l.Path, st.Items)
		}
		ahead := window - 1
		if page == 1 {
			ahead = 0 // see collect
		}
		for launched < min(page+ahead, c.cfg.MaxPages) {
			launch(launched + 1)
		}
		res := <-pending[page]
		delete(pending, page)
		st.Pages = page
		st.Overfetched = launched - page
		st.Seen.add(res.info)
		if res.err != nil {
			return st, nil, &PageError{Path: l.Path, Page: page, Err: res.err}
		}
		if page == 1 {
			firstPage = append([]T(nil), res.items...)
		}

		fresh := res.items[:0]
		for _, item := range res.items {
			id := l.ID(item)
			if _, dup := seen[id]; dup {
				continue
			}
			seen[id] = struct{}{}
			fresh = append(fresh, item)
		}
		c.log.Debug(ctx, "chatzuri: page read", map[string]any{
			"path": l.Path, "page": page, "items": len(res.items), "new_items": len(fresh), "total": st.Items + len(fresh),
		})
		if l.Limit > 0 && st.Items+len(fresh) > l.Limit {
			fresh = fresh[:l.Limit-st.Items]
			st.Truncated = true
		}
		if len(fresh) > 0 || page == 1 {
			if err := visit(fresh, page == 1); err != nil {
				return st, nil, err
			}
			st.Items += len(fresh)
		}
		if st.Truncated || len(res.items) == 0 || len(fresh) == 0 {
			return st, firstPage, nil
		}
	}
}

// sameIDs reports whether two reads of a page hold the same items in the
// same order.
func sameIDs[T any](a, b []T, id func(T) string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if id(a[i]) != id(b[i]) {
			return false
		}
	}
	return true
}
