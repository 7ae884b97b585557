package docscheck

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// anchors returns every anchor a link can point to on the page: one for each
// heading, by the slug rules below, and each <a id> or <a name> the page has.
func (p *page) anchors() map[string]bool {
	set := map[string]bool{}
	seen := map[string]int{}
	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if heading, ok := n.(*ast.Heading); ok && entering {
			set[uniqueSlug(slug(plainText(heading, p.source)), seen)] = true
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, a := range p.written.anchors {
		set[a] = true
	}
	return set
}

// slug is the anchor GitHub gives a heading (github-slugger's rules): the
// heading's text, lower case, without punctuation other than `-` and `_`,
// spaces turned into `-`. The check assumes the Registry's anchors agree for
// headings as plain as these docs' (words, code spans, commas); it has not
// been compared with the Registry's renderer.
// "Why `customer` is not sensitive" becomes "why-customer-is-not-sensitive".
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// uniqueSlug numbers a repeated slug as GitHub does: "usage", "usage-1", ...
func uniqueSlug(s string, seen map[string]int) string {
	n, ok := seen[s]
	seen[s] = n + 1
	if !ok {
		return s
	}
	return fmt.Sprintf("%s-%d", s, n)
}

// plainText is a node's rendered text: text and code spans, without markup.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
