package docscheck

import (
	"os"
	"path/filepath"
	"slices"
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
