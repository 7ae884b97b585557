package provider

import (
	"fmt"
	"strings"
)

// maxAnswerBytes is the most one answer of the provider can carry to
// Terraform: terraform-plugin-go caps every gRPC message at 256 MiB (a
// constant of its tf6server), and a state or an ephemeral result past it
// fails only after every page was read, with a gRPC error that names neither
// the list nor a way out.
const maxAnswerBytes = 256 << 20

// defaultMaxListBytes is how large an encoded list may grow. The rest of
// the answer (the other attributes, the diagnostics, the gRPC framing) is a
// few kilobytes; a mebibyte leaves room for it many times over.
const defaultMaxListBytes = maxAnswerBytes - 1<<20

// listTooLargeError stops a read whose encoded list grew past the limit: the
// client stops at the first error its visitor returns, so no further page is
// requested.
type listTooLargeError struct {
	items int // encoded when the limit was passed
	bytes int
	limit int
}

func (e *listTooLargeError) Error() string {
	return fmt.Sprintf("the list reached %s after %d items, past the %s one answer to Terraform may carry", mebibytes(e.bytes), e.items, mebibytes(e.limit))
}

// tooLargeError is the diagnostic of a read stopped by listTooLargeError.
func tooLargeError(s listSubject, e *listTooLargeError) (summary, detail string) {
	return "The " + s.plural + " are too many for one Terraform answer",
		fmt.Sprintf("Reading %s stopped after %d %s: encoded for Terraform they had grown to %s, and one answer of a provider to Terraform "+
			"carries at most %s (this provider stops at %s, to leave room for the rest of the state). No further page was requested, "+
			"and no %s are returned.\n\n%s",
			s, e.items, s.plural, mebibytes(e.bytes), mebibytes(maxAnswerBytes), mebibytes(e.limit), s.plural, readLess(s))
}

// largeListWarning says that a list passed half of what one answer carries:
// a pipeline learns of the wall before the day its read hits it.
func largeListWarning(s listSubject, items, bytes, limit int) (summary, detail string) {
	subject := s.String()
	return "The " + s.plural + " are half-way to Terraform's limit",
		fmt.Sprintf("%s are %d %s, %s encoded for Terraform: more than half of the %s a read of this provider can return. "+
			"A read past it fails. Terraform itself needs several times that in memory to plan and to keep the state.\n\n%s",
			strings.ToUpper(subject[:1])+subject[1:], items, s.plural, mebibytes(bytes), mebibytes(limit), readLess(s))
}

// readLess lists the ways to read less that the list offers.
func readLess(s listSubject) string {
	var ways []string
	if s.fieldSelection {
		ways = append(ways, "keep only the attributes the configuration uses with fields")
	}
	if s.narrowHint != "" {
		ways = append(ways, s.narrowHint)
	}
	if s.limitArgument != "" {
		ways = append(ways, "cap the list with "+s.limitArgument)
	}
	if len(ways) == 0 {
		return "Chatzuri's API offers no way to read part of this list."
	}
	return "Read less in each data source: " + strings.Join(ways, "; ") + "."
}

func mebibytes(n int) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
