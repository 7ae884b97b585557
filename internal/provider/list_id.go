package provider

import (
	"maps"
	"net/url"
	"slices"
	"strings"
)

// A list's id names what its arguments select, so it is the same for the
// same arguments: the owner ("agt_1", or the list's own name for a list of
// the team's) alone, or followed by the arguments in name order and then
// the engine's fields, "agt_1?end_date=2026-01-31&start_date=2026-01-01&fields=created_at,id".
// Terraform shows the id after every read, so it is written to be read:
// values are escaped only where they would be ambiguous (%, & and #), not
// as a URL query, which would write commas as %2C and spaces as +.

// idValueEscaper escapes what would make an id ambiguous.
var idValueEscaper = strings.NewReplacer("%", "%25", "&", "%26", "#", "%23")

// selectionID is the id of owner with args.
func selectionID(owner string, args url.Values) string {
	if len(args) == 0 {
		return owner
	}
	var b strings.Builder
	b.WriteString(owner)
	for i, name := range slices.Sorted(maps.Keys(args)) {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(name + "=" + idValueEscaper.Replace(strings.Join(args[name], ",")))
	}
	return b.String()
}

// withIDArg adds name=value to an id that selectionID made.
func withIDArg(id, name, value string) string {
	sep := "?"
	if strings.Contains(id, "?") {
		sep = "&"
	}
	return id + sep + name + "=" + idValueEscaper.Replace(value)
}
