package docscheck

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// checkLinks reports each relative link whose file does not exist, and each
// #anchor, on this page or on another page, that no heading or <a id> makes.
// Links with a scheme (https:, mailto:) are not followed.
func (p *page) checkLinks(pages map[string]*page) ([]Problem, error) {
	var problems []Problem
	err := ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		line := p.linkLine(link)
		u, err := url.Parse(dest)
		if err != nil {
			problems = append(problems, p.problem(line, "link %q is not a URL: %v", dest, err))
			return ast.WalkContinue, nil
		}
		if u.Scheme != "" || u.Host != "" {
			return ast.WalkContinue, nil
		}
		target := p
		if u.Path != "" {
			file := filepath.Join(filepath.Dir(p.file), filepath.FromSlash(u.Path))
			if _, err := os.Stat(file); err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					return ast.WalkStop, err
				}
				problems = append(problems, p.problem(line, "link %q: no file %s", dest, file))
				return ast.WalkContinue, nil
			}
			target = pages[filepath.Clean(file)]
			if target == nil && u.Fragment != "" && strings.HasSuffix(file, ".md") {
				if target, err = parse(file); err != nil {
					return ast.WalkStop, err
				}
			}
		}
		if u.Fragment != "" && target != nil && !target.anchors()[u.Fragment] {
			problems = append(problems, p.problem(line, "link %q: %s has no anchor #%s", dest, target.file, u.Fragment))
		}
		return ast.WalkContinue, nil
	})
	return problems, err
}

// linkLine is the line a link's text starts on (a link node has no position
// of its own).
func (p *page) linkLine(link *ast.Link) int {
	for c := link.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return p.lineOf(t.Segment.Start)
		}
	}
	for n := link.Parent(); n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return p.lineOf(n.Lines().At(0).Start)
		}
	}
	return 1
}
