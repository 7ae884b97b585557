package provider

import (
	"time"
)

// listCounts are the tallies of one read of a list: a count per UTC day of
// each item's created_at, and optionally per value of one more attribute.
// Nothing is kept per item: the client de-duplicates by id, and that set of
// ids is all a count of millions holds in memory.
type listCounts struct {
	total   int64
	byDay   map[string]int64
	undated int64
	// byGroup and ungrouped count by countsDefinition.group, when it is set.
	byGroup   map[string]int64
	ungrouped int64
}

func newListCounts() *listCounts {
	return &listCounts{byDay: map[string]int64{}, byGroup: map[string]int64{}}
}

// add counts one item, created at createdAt and in group.
func (c *listCounts) add(createdAt, group *string) {
	c.total++
	if day, ok := utcDay(createdAt); ok {
		c.byDay[day]++
	} else {
		c.undated++
	}
	if group != nil {
		c.byGroup[*group]++
	} else {
		c.ungrouped++
	}
}

// utcDay is the UTC day, YYYY-MM-DD, an item created at createdAt counts on:
// an RFC 3339 timestamp's, converted to UTC whatever its offset; else the
// date a value starts with (Chatzuri documents no format, and a date alone,
// or a date and a time without an offset, names its day); else none.
func utcDay(createdAt *string) (string, bool) {
	if createdAt == nil {
		return "", false
	}
	s := *createdAt
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC().Format(time.DateOnly), true
	}
	if len(s) < len(time.DateOnly) {
		return "", false
	}
	day := s[:len(time.DateOnly)]
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return "", false
	}
	return day, true
}
