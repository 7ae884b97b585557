package provider

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

// add counts one item, created at createdAt (on its day by utcDay) and in
// group.
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
