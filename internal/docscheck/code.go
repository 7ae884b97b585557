package docscheck

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// checkCode holds the rendered fenced code blocks against the written ones:
// as many, in the same order, each with the lines it was written with.
func (p *page) checkCode() []Problem {
	var rendered [][]string
	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if block, ok := n.(*ast.FencedCodeBlock); ok && entering {
			var lines []string
			for i := 0; i < block.Lines().Len(); i++ {
				seg := block.Lines().At(i)
				lines = append(lines, strings.TrimSpace(string(seg.Value(p.source))))
			}
			rendered = append(rendered, lines)
		}
		return ast.WalkContinue, nil
	})

	var problems []Problem
	for i, written := range p.written.fences {
		if i >= len(rendered) {
			problems = append(problems, p.problem(written.line, "fenced block does not render as a code block"))
			continue
		}
		if !equalLines(written.lines, rendered[i]) {
			problems = append(problems, p.problem(written.line,
				"fenced block renders as a code block of %d lines, not the %d written (are its lines indented like its fence, e.g. inside a list item?)",
				len(rendered[i]), len(written.lines)))
			// One broken block shifts every later one: report the first.
			return problems
		}
	}
	if len(rendered) > len(p.written.fences) {
		problems = append(problems, p.problem(1, "%d fenced blocks written, %d code blocks rendered", len(p.written.fences), len(rendered)))
	}
	return problems
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
