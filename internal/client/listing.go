package client

import (
	"context"
	"fmt"
	"net/url"
)

// listing describes one paginated endpoint: where it is, under which keys
// its items arrive and how to tell two items apart.
type listing[T any] struct {
	path     string
	listKeys []string
	query    url.Values
	pageSize int
	// limit is how many items to return at most; 0 means all.
	limit int
	id    func(T) string
}

// Result is a complete listing, in the API's order, each item once.
type Result[T any] struct {
	Items []T
	// Truncated is set when more items existed past the limit.
	Truncated bool
	// Pages is how many pages were requested.
	Pages int
}

// collect reads pages 1, 2, ... and stops at whichever comes first:
//   - an empty page;
//   - a page that brings no item not already seen (a server that ignores or
//     repeats page would otherwise be read forever);
//   - more items than the limit (the last page then shows there are more);
//   - the MaxPages safety bound, which is an error, never a quiet short list.
//
// A short page is not the end: servers cap size below what was asked.
// Items are de-duplicated by id, keeping the first, since pages shift while
// new items arrive.
func collect[T any](ctx context.Context, c *Client, l listing[T]) (*Result[T], error) {
	res := &Result[T]{Items: []T{}}
	seen := make(map[string]struct{})
	for page := 1; ; page++ {
		if page > c.cfg.MaxPages {
			return nil, fmt.Errorf("stopped after %d pages of %s without reaching the end (%d items so far); the server may be ignoring the page parameter", c.cfg.MaxPages, l.path, len(res.Items))
		}
		items, err := getPage[T](ctx, c, l.path, pageQuery(l.query, page, l.pageSize), l.listKeys)
		res.Pages = page
		if err != nil {
			return nil, &PageError{Path: l.path, Page: page, Err: err}
		}
		fresh := 0
		for _, item := range items {
			id := l.id(item)
			if _, dup := seen[id]; dup {
				continue
			}
			seen[id] = struct{}{}
			fresh++
			res.Items = append(res.Items, item)
		}
		c.log.Debug(ctx, "chatzuri: page read", map[string]any{
			"path": l.path, "page": page, "items": len(items), "new_items": fresh, "total": len(res.Items),
		})
		if l.limit > 0 && len(res.Items) > l.limit {
			res.Items = res.Items[:l.limit:l.limit]
			res.Truncated = true
			return res, nil
		}
		if len(items) == 0 || fresh == 0 {
			return res, nil
		}
	}
}
