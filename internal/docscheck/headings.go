package docscheck

import "github.com/yuin/goldmark/ast"

// checkHeadings reports each rendered heading on a line the source did not
// write as a heading: a `#` comment of an example that fell out of its code
// block, or a paragraph turned into a Setext heading by a `---` under it.
func (p *page) checkHeadings() []Problem {
	var problems []Problem
	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		heading, ok := n.(*ast.Heading)
		if !ok || !entering || heading.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		line := p.lineOf(heading.Lines().At(0).Start)
		if !p.written.headings[line] {
			problems = append(problems, p.problem(line, "renders as a heading the source did not write: %q", plainText(heading, p.source)))
		}
		return ast.WalkSkipChildren, nil
	})
	return problems
}
