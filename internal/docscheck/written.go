package docscheck

import (
	"bytes"
	"regexp"
	"strings"
)

// writtenShape is what the source was written to be, read line by line and
// independently of any renderer: where its fenced blocks are, with their
// lines, and which lines outside them it wrote as ATX headings.
//
// It is hand-written rather than taken from a Markdown parser on purpose: it
// is the reference the parser's result is held against, so it must not make
// the parser's judgements about indentation and list items.
type writtenShape struct {
	fences   []writtenFence
	headings map[int]bool // 1-based lines
	anchors  []string     // <a id="..."> and <a name="..."> outside fences
}

type writtenFence struct {
	line  int      // the opening fence's line, 1-based
	lines []string // the block's lines, without indentation
}

var (
	fenceOpen  = regexp.MustCompile("^(`{3,}|~{3,})")
	atxHeading = regexp.MustCompile(`^#{1,6}(\s|$)`)
	htmlAnchor = regexp.MustCompile(`<a\s+(?:id|name)="([^"]+)"`)
)

func scanSource(src []byte) writtenShape {
	shape := writtenShape{headings: map[int]bool{}}
	var open *writtenFence
	var marker string
	for i, raw := range strings.Split(string(bytes.TrimSuffix(src, []byte("\n"))), "\n") {
		line := strings.TrimSpace(strings.TrimRight(raw, "\r"))
		if open != nil {
			if strings.HasPrefix(line, marker) && strings.Trim(line, marker[:1]) == "" {
				shape.fences = append(shape.fences, *open)
				open = nil
				continue
			}
			open.lines = append(open.lines, line)
			continue
		}
		if m := fenceOpen.FindString(line); m != "" {
			marker = m
			open = &writtenFence{line: i + 1}
			continue
		}
		if atxHeading.MatchString(line) && len(raw)-len(strings.TrimLeft(raw, " ")) < 4 {
			shape.headings[i+1] = true
		}
		for _, m := range htmlAnchor.FindAllStringSubmatch(line, -1) {
			shape.anchors = append(shape.anchors, m[1])
		}
	}
	if open != nil { // an unclosed fence runs to the end of the page
		shape.fences = append(shape.fences, *open)
	}
	return shape
}
