// Command gen writes a handbook of realistic backend-development entries for
// the lint benchmark: long Python fences full of `# comment` lines, JSX
// callouts and tabs, MDX comments, tables and ESM imports, plus a docs.json
// that lists them. The output depends only on -n and -seed.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 1000, "number of entries")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "bench-repo", "folder to create (replaced if it exists)")
	flag.Parse()
	if err := generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

var (
	concepts = []string{"task debouncing", "distributed lock", "outbox", "webhook retries", "rate limiting",
		"idempotency keys", "soft delete", "read replicas", "background jobs", "feature flags", "pagination",
		"cursor pagination", "event sourcing", "cache invalidation", "request tracing", "bulk import"}
	modules = []string{"order", "checkout", "subscription", "customer", "product", "payout", "webhook", "benefit", "organization", "invoice"}
	layers  = []string{"endpoints", "service", "repository", "schemas", "tasks"}
	words   = strings.Fields(`the service reads the row under a lock and writes the result in the same transaction so that
		a retry never sees a half applied change while the worker keeps the queue short and the endpoint answers
		quickly with the state the client expects after the commit succeeds or the job is scheduled again later`)
	callouts = []string{"Info", "Note", "Warning", "Tip"}
)

type gen struct{ r *rand.Rand }

func (g gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g gen) sentence(min, max int) string {
	n := min + g.r.IntN(max-min+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.pick(words)
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g gen) paragraph() string {
	var ss []string
	for range 2 + g.r.IntN(3) {
		ss = append(ss, g.sentence(8, 20))
	}
	return strings.Join(ss, " ")
}

func (g gen) python(module string, lines int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "```python\n# server/app/%s/%s.py\n", module, g.pick(layers))
	for i := range lines {
		switch i % 6 {
		case 0:
			fmt.Fprintf(&b, "# %s\n", strings.TrimSuffix(g.sentence(5, 12), "."))
		case 1:
			fmt.Fprintf(&b, "async def %s_%d(session: AsyncSession, %s_id: UUID) -> None:\n", module, i, module)
		case 2:
			fmt.Fprintf(&b, "    # %s\n", strings.TrimSuffix(g.sentence(4, 9), "."))
		case 3:
			fmt.Fprintf(&b, "    %s = await %sRepository.from_session(session).get_by_id(%s_id)\n", module, title(module), module)
		case 4:
			fmt.Fprintf(&b, "    if %s is None:\n        raise ResourceNotFound()\n", module)
		default:
			b.WriteString("\n")
		}
	}
	b.WriteString("```\n")
	return b.String()
}

func (g gen) table() string {
	var b strings.Builder
	b.WriteString("| Setting | Default | Meaning |\n| --- | --- | --- |\n")
	for i := range 3 + g.r.IntN(5) {
		fmt.Fprintf(&b, "| `%s_%d` | `%d` | %s |\n", g.pick(modules), i, g.r.IntN(1000), g.sentence(4, 8))
	}
	return b.String()
}

func (g gen) callout() string {
	name := g.pick(callouts)
	return fmt.Sprintf("<%s>\n  %s\n\n  %s\n</%s>\n", name, g.sentence(6, 14), g.sentence(6, 14), name)
}

func (g gen) entry(concept string) string {
	module := g.pick(modules)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\n---\n\n", title(concept), g.sentence(6, 14))
	if g.r.IntN(3) == 0 {
		b.WriteString("import { Settings } from \"/snippets/worker-settings.mdx\"\n\n")
	}
	fmt.Fprintf(&b, "%s\n\n%s\n", g.paragraph(), g.callout())
	whenHeadings := []string{"When to use " + concept, "When to use", "When to use this concept"}
	fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", g.pick(whenHeadings), g.paragraph())
	for range 2 + g.r.IntN(3) {
		fmt.Fprintf(&b, "- %s\n", g.sentence(5, 12))
	}
	fmt.Fprintf(&b, "\n%s\n{/*\n  Reviewer: %s\n*/}\n\n", g.table(), g.sentence(5, 10))
	fmt.Fprintf(&b, "## How to use this concept\n\n%s\n\n%s\n", g.paragraph(), g.python(module, 30+g.r.IntN(60)))
	fmt.Fprintf(&b, "\n<Tabs>\n  <Tab title=\"Service\">\n%s  </Tab>\n  <Tab title=\"Test\">\n%s  </Tab>\n</Tabs>\n\n",
		indent(g.python(module, 12), "    "), indent(g.python(module, 8), "    "))
	fmt.Fprintf(&b, "## %s\n\n%s\n\n%s\n\n### Failure modes\n\n%s {/* see the incident review */}\n\n",
		g.pick([]string{"How it works", "How it works under the hood"}), g.paragraph(), g.callout(), g.paragraph())
	fmt.Fprintf(&b, "```bash\n# inspect the queue\nredis-cli llen dramatiq:%s\n```\n\n%s\n", module, g.paragraph())
	return b.String()
}

// title capitalises each word ("rate limiting" → "Rate Limiting").
func title(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}

func generate(out string, n int, seed uint64) error {
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	section := filepath.Join(out, "handbook", "engineering", "backend-development")
	if err := os.MkdirAll(section, 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(out, ".git"), 0o755); err != nil {
		return err
	}
	g := gen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	var pages []string
	for i := range n {
		concept := g.pick(concepts)
		slug := fmt.Sprintf("%s-%04d", strings.ReplaceAll(concept, " ", "-"), i)
		if err := os.WriteFile(filepath.Join(section, slug+".mdx"), []byte(g.entry(concept)), 0o644); err != nil {
			return err
		}
		pages = append(pages, fmt.Sprintf("        %q", "engineering/backend-development/"+slug))
	}
	docs := "{\n  \"navigation\": {\n    \"groups\": [\n      {\n        \"group\": \"Backend Development\",\n        \"pages\": [\n" +
		strings.Join(pages, ",\n") + "\n        ]\n      }\n    ]\n  }\n}\n"
	return os.WriteFile(filepath.Join(out, "handbook", "docs.json"), []byte(docs), 0o644)
}
