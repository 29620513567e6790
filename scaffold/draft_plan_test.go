package scaffold

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/templates"
	"github.com/handbook-dev/handbook/validate"
)

var defaultSections = templates.Sections(templates.BackendDevelopment)

func plan(t *testing.T, name string) ([]byte, []target, error) {
	t.Helper()
	src, err := os.ReadFile("testdata/draft/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc := validate.Parse(src, defaultSections)
	targets, err := planDraft(name, doc, defaultSections)
	return src, targets, err
}

func states(ts []target) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.State)
	}
	return strings.Join(s, ",")
}

func TestPlanDraftStates(t *testing.T) {
	for name, want := range map[string]string{
		"scaffolded.mdx":  "placeholder,placeholder,placeholder",
		"finished.mdx":    "written,written,written",
		"handwritten.mdx": "written,missing,placeholder",
	} {
		_, targets, err := plan(t, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := states(targets); got != want {
			t.Errorf("%s: states %s, want %s", name, got, want)
		}
	}
}

func TestPlanDraftRefusesToGuess(t *testing.T) {
	for name, want := range map[string]string{
		"duplicate.mdx":  `duplicate.mdx:14: cannot place the section "When to use this concept": it appears twice (lines 8 and 14)`,
		"jsxheading.mdx": `jsxheading.mdx:13: cannot place the section "How it works": its heading is inside a JSX block`,
	} {
		_, _, err := plan(t, name)
		var pe *PlaceError
		if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: err = %v, want prefix %q", name, err, want)
		}
	}
}

func TestApplyDraftFillsOnlyTargets(t *testing.T) {
	src, targets, err := plan(t, "scaffolded.mdx")
	if err != nil {
		t.Fatal(err)
	}
	out := string(applyDraft(src, targets, map[string]string{
		"When to use this concept": "When two workers could run the same job.",
		"How it works":             "SET NX with a TTL.",
	}, "", ""))
	want := strings.Replace(string(src), templates.TodoComment("When to use this concept"), "When two workers could run the same job.", 1)
	want = strings.Replace(want, templates.TodoComment("How it works"), "SET NX with a TTL.", 1)
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	if !targets[0].Filled || targets[1].Filled || !targets[2].Filled {
		t.Errorf("filled flags: %+v", targets)
	}
}

// Hand-written text around the sections is kept byte for byte: the result
// is the original with insertions only.
func TestApplyDraftKeepsHandwrittenText(t *testing.T) {
	src, targets, err := plan(t, "handwritten.mdx")
	if err != nil {
		t.Fatal(err)
	}
	out := string(applyDraft(src, targets, map[string]string{
		"How to use this concept": "Call `send_webhook(event)`.",
		"How it works":            "A Dramatiq actor retries with backoff.",
	}, "How it works", "### Where it lives in the code\n\n- `server/acme/webhook/tasks.py#L10-L40`"))
	want := strings.Replace(string(src), "## How it works\n",
		"## How to use this concept\n\nCall `send_webhook(event)`.\n\n## How it works\n", 1)
	want = strings.Replace(want, templates.TodoComment("How it works"),
		"A Dramatiq actor retries with backoff.\n\n### Where it lives in the code\n\n- `server/acme/webhook/tasks.py#L10-L40`", 1)
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	doc := validate.Parse([]byte(out), defaultSections)
	again, err := planDraft("x", doc, defaultSections)
	if err != nil || states(again) != "written,written,written" {
		t.Errorf("after drafting: %s %v\n%s", states(again), err, out)
	}
}

func TestApplyDraftAppendsReferencesToWrittenSection(t *testing.T) {
	src, targets, err := plan(t, "finished.mdx")
	if err != nil {
		t.Fatal(err)
	}
	out := string(applyDraft(src, targets, nil, "How it works", "### Where it lives in the code\n\n- x"))
	want := strings.TrimRight(string(src), "\n") + "\n\n### Where it lives in the code\n\n- x\n"
	if out != want {
		t.Errorf("got:\n%q\nwant:\n%q", out, want)
	}
	// Nothing to do leaves the bytes as they were.
	if got := applyDraft(src, targets, nil, "", ""); string(got) != string(src) {
		t.Error("a no-op draft changed the file")
	}
}

func TestApplyDraftMissingSectionsGoInTemplateOrder(t *testing.T) {
	src := []byte("---\ntitle: \"x\"\ndescription: \"y\"\n---\n\nSummary.\n\n## How it works\n\nRedis.")
	doc := validate.Parse(src, defaultSections)
	targets, err := planDraft("x.mdx", doc, defaultSections)
	if err != nil {
		t.Fatal(err)
	}
	out := string(applyDraft(src, targets, map[string]string{"When to use this concept": "Often.", "How to use this concept": "Call it."}, "", ""))
	want := "---\ntitle: \"x\"\ndescription: \"y\"\n---\n\nSummary.\n\n## When to use this concept\n\nOften.\n\n## How to use this concept\n\nCall it.\n\n## How it works\n\nRedis."
	if out != want {
		t.Errorf("got:\n%q\nwant:\n%q", out, want)
	}
}

// An older entry with none of the template's sections gets them before its
// first section, where lint's section-missing says they belong, not after
// its last.
func TestApplyDraftMissingSectionsGoBeforeOtherSections(t *testing.T) {
	src := []byte("---\ntitle: \"x\"\ndescription: \"y\"\n---\n\nSummary.\n\n## Overview\n\nOld.\n\n## Notes\n\nMore.\n")
	doc := validate.Parse(src, defaultSections)
	targets, err := planDraft("x.mdx", doc, defaultSections)
	if err != nil {
		t.Fatal(err)
	}
	out := string(applyDraft(src, targets, map[string]string{"When to use this concept": "Often.", "How it works": "Redis."}, "", ""))
	want := "---\ntitle: \"x\"\ndescription: \"y\"\n---\n\nSummary.\n\n## When to use this concept\n\nOften.\n\n## How it works\n\nRedis.\n\n## Overview\n\nOld.\n\n## Notes\n\nMore.\n"
	if out != want {
		t.Errorf("got:\n%q\nwant:\n%q", out, want)
	}
}

// A template heading shown inside a code sample is not a misplaced section:
// the missing section is added, not refused.
func TestPlanDraftIgnoresHeadingsInCode(t *testing.T) {
	for _, sample := range []string{"```mdx\n## How it works\n```\n", "    ## How it works\n"} {
		src := []byte("---\ntitle: \"x\"\ndescription: \"y\"\n---\n\nSummary.\n\n## When to use this concept\n\nAn entry looks like this:\n\n" + sample + "\n## How to use this concept\n\nCall it.\n")
		targets, err := planDraft("x.mdx", validate.Parse(src, defaultSections), defaultSections)
		if err != nil {
			t.Fatalf("%q: %v", sample, err)
		}
		if got := states(targets); got != "written,written,missing" {
			t.Errorf("%q: states %s", sample, got)
		}
	}
}
