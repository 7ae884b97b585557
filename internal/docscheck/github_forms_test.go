package docscheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// issueForm is the part of GitHub's issue form schema the forms use.
type issueForm struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Body        []struct {
		Type       string `yaml:"type"`
		ID         string `yaml:"id"`
		Attributes struct {
			Label       string `yaml:"label"`
			Description string `yaml:"description"`
			Value       string `yaml:"value"`
			Options     []any  `yaml:"options"`
		} `yaml:"attributes"`
	} `yaml:"body"`
}

// TestIssueForms parses .github/ISSUE_TEMPLATE as GitHub would (actionlint
// checks only the workflows): each form is valid YAML with the keys GitHub
// requires, and the bug form asks for what a report needs, the versions and
// the provider's DEBUG lines, with a warning to leave personal data out.
func TestIssueForms(t *testing.T) {
	dir := filepath.Join("..", "..", ".github", "ISSUE_TEMPLATE")
	forms, err := filepath.Glob(filepath.Join(dir, "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	text := map[string]string{}
	for _, file := range forms {
		name := filepath.Base(file)
		names = append(names, name)
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if name == "config.yml" {
			checkIssueConfig(t, src)
			continue
		}
		var form issueForm
		if err := yaml.Unmarshal(src, &form); err != nil {
			t.Errorf("%s is not valid YAML: %v", name, err)
			continue
		}
		if form.Name == "" || form.Description == "" || len(form.Body) == 0 {
			t.Errorf("%s lacks a name, a description or a body, which GitHub requires of an issue form", name)
		}
		ids := map[string]bool{}
		for i, element := range form.Body {
			switch element.Type {
			case "markdown":
				if element.Attributes.Value == "" {
					t.Errorf("%s: body[%d] is markdown without a value", name, i)
				}
			case "input", "textarea", "dropdown", "checkboxes":
				if element.Attributes.Label == "" {
					t.Errorf("%s: body[%d] (%s) has no label", name, i, element.Type)
				}
				if (element.Type == "dropdown" || element.Type == "checkboxes") && len(element.Attributes.Options) == 0 {
					t.Errorf("%s: body[%d] (%s) has no options", name, i, element.Type)
				}
			default:
				t.Errorf("%s: body[%d] has type %q, which GitHub's issue forms do not have", name, i, element.Type)
			}
			if element.ID != "" {
				if ids[element.ID] {
					t.Errorf("%s: id %q is used twice", name, element.ID)
				}
				ids[element.ID] = true
			}
		}
		text[name] = string(src)
	}
	for _, want := range []string{"bug_report.yml", "config.yml", "feature_request.yml"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %s under .github/ISSUE_TEMPLATE", want)
		}
	}
	for _, want := range []string{"Terraform or OpenTofu version", "Provider version", "TF_LOG_PROVIDER=DEBUG", "Remove personal data", "SECURITY.md"} {
		if !strings.Contains(text["bug_report.yml"], want) {
			t.Errorf("the bug form does not ask for or say %q", want)
		}
	}
}

// checkIssueConfig checks the issue chooser's config.yml.
func checkIssueConfig(t *testing.T, src []byte) {
	t.Helper()
	var config struct {
		BlankIssuesEnabled *bool `yaml:"blank_issues_enabled"`
		ContactLinks       []struct {
			Name  string `yaml:"name"`
			URL   string `yaml:"url"`
			About string `yaml:"about"`
		} `yaml:"contact_links"`
	}
	if err := yaml.Unmarshal(src, &config); err != nil {
		t.Errorf("config.yml is not valid YAML: %v", err)
		return
	}
	if config.BlankIssuesEnabled == nil {
		t.Error("config.yml does not set blank_issues_enabled")
	}
	for i, link := range config.ContactLinks {
		if link.Name == "" || link.About == "" || !strings.HasPrefix(link.URL, "https://") {
			t.Errorf("config.yml: contact_links[%d] needs a name, an about and an https url", i)
		}
	}
}

// TestBugFormAsksForWhatTheAPIAnswered holds the bug form's request for
// the DEBUG lines to the code that logs them (internal/client/seen.go) and to
// the troubleshooting guide's instructions: the form and the guide name every
// field of the log message, and the form gives the guide's commands, so that
// a renamed message or field cannot leave them asking for lines that do not
// exist.
func TestBugFormAsksForWhatTheAPIAnswered(t *testing.T) {
	const message = "chatzuri: what the API answered"
	root := filepath.Join("..", "..")
	fields := logFields(t, filepath.Join(root, "internal", "client", "seen.go"), message)
	if len(fields) < 5 {
		t.Fatalf("found the fields %v in the log call %q, want the envelope, id types, page sizes and the rest", fields, message)
	}
	form, err := os.ReadFile(filepath.Join(root, ".github", "ISSUE_TEMPLATE", "bug_report.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var parsed issueForm
	if err := yaml.Unmarshal(form, &parsed); err != nil {
		t.Fatal(err)
	}
	var asked string
	for _, element := range parsed.Body {
		if element.ID == "debug-log" {
			asked = strings.Join(strings.Fields(element.Attributes.Description), " ")
		}
	}
	if asked == "" {
		t.Fatal(`the bug form has no "debug-log" element`)
	}
	for _, field := range fields {
		if !strings.Contains(asked, "`"+field+"`") {
			t.Errorf("the bug form does not name the field `%s` of %q", field, message)
		}
	}
	guide, err := os.ReadFile(filepath.Join(root, "docs", "guides", "troubleshooting.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range fields {
		if !strings.Contains(string(guide), "`"+field+"`") {
			t.Errorf("the troubleshooting guide does not say what the field `%s` of %q means", field, message)
		}
	}
	var commands []string
	for _, line := range strings.Split(string(guide), "\n") {
		if (strings.HasPrefix(line, "grep ") && strings.Contains(line, message)) || strings.HasPrefix(line, "TF_LOG_PROVIDER=DEBUG ") {
			if !slices.Contains(commands, line) {
				commands = append(commands, line)
			}
		}
	}
	if len(commands) < 2 {
		t.Fatalf("the troubleshooting guide gives %q, want the TF_LOG_PROVIDER command and the grep for %q", commands, message)
	}
	for _, command := range commands {
		if !strings.Contains(asked, "`"+command+"`") {
			t.Errorf("the bug form does not give the troubleshooting guide's command `%s`", command)
		}
	}
}

// logFields returns the keys of the fields map of the call in file that
// logs message, in the order written.
func logFields(t *testing.T, file, message string) []string {
	t.Helper()
	parsed, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	found := false
	ast.Inspect(parsed, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) < 3 {
			return true
		}
		if lit, ok := call.Args[1].(*ast.BasicLit); !ok || lit.Value != strconv.Quote(message) {
			return true
		}
		found = true
		fields, ok := call.Args[2].(*ast.CompositeLit)
		if !ok {
			t.Fatalf("%s logs %q without a map literal of fields", file, message)
		}
		for _, elt := range fields.Elts {
			kv, _ := elt.(*ast.KeyValueExpr)
			var lit *ast.BasicLit
			if kv != nil {
				lit, _ = kv.Key.(*ast.BasicLit)
			}
			if lit == nil {
				t.Fatalf("%s logs %q with a field whose name is not a string literal", file, message)
			}
			key, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s logs %q with the field name %s: %v", file, message, lit.Value, err)
			}
			keys = append(keys, key)
		}
		return false
	})
	if !found {
		t.Fatalf("no call in %s logs %q", file, message)
	}
	return keys
}
