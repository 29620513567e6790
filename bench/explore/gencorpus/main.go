// Command gencorpus writes a deterministic corpus shaped like a backend
// monorepo, for benchmarking `handbook explore` against ripgrep: Python
// packages in the per-module layout (endpoints, service, repository,
// schemas, tasks), SQLAlchemy models, Alembic migrations, tests, a
// TypeScript web client, a Mintlify handbook, binaries (PNG, JPEG, ZIP
// and font files with their real headers, so a NUL byte comes early), a few
// files over 2 MiB, and nested .gitignore files with ignored build output
// next to them. The same -scale always gives the same bytes.
//
//	go run ./bench/explore/gencorpus -out /tmp/corpus -scale 1
//
// Scale 1 is shaped like polarsource/polar: about 4,900 files that git
// would list, 37 MB of text and 51 MB of binaries (58% of the bytes, the
// real proportion), plus about 800 ignored files; scale 2 is twice that.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var vocab = strings.Fields(`account order invoice payment customer product price subscription webhook metadata
authorization rate limit
event notification user organization member token session refund checkout discount benefit
license file storage email message queue worker job schedule retry backoff cache metric
status amount currency tax report export import
sync batch stream record entry ledger balance transfer payout dispute charge meter usage quota`)

type gen struct {
	r     *rand.Rand
	root  string
	files int
	bytes int64
}

func main() {
	out := flag.String("out", "", "folder to write the corpus into (created; must not exist)")
	scale := flag.Int("scale", 1, "size multiplier")
	flag.Parse()
	if *out == "" || *scale < 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -out DIR [-scale N]")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %s exists; remove it first\n", *out)
		os.Exit(2)
	}
	g := &gen{r: rand.New(rand.NewPCG(1, 2)), root: *out}
	for s := 0; s < *scale; s++ {
		g.monorepo(fmt.Sprintf("app%d", s))
	}
	fmt.Printf("%d files, %.1f MB (searchable and ignored)\n", g.files, float64(g.bytes)/1e6)
}

func (g *gen) write(rel string, data []byte) {
	p := filepath.Join(g.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		panic(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		panic(err)
	}
	g.files++
	g.bytes += int64(len(data))
}

// rare are the words that hold "lock"; real code has them now and then
// (threading.Lock, a clock, a blocking call), not in every sentence.
var rare = strings.Fields(`lock unlock block clock blocking deadlock locked`)

func (g *gen) word() string {
	if g.r.IntN(300) == 0 {
		return rare[g.r.IntN(len(rare))]
	}
	return vocab[g.r.IntN(len(vocab))]
}

func (g *gen) ident(camel bool) string {
	a, b := g.word(), g.word()
	if camel {
		return strings.ToUpper(a[:1]) + a[1:] + strings.ToUpper(b[:1]) + b[1:]
	}
	return a + "_" + b
}

func (g *gen) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = g.word()
	}
	return strings.Join(w, " ")
}

// python writes a module of roughly size bytes with classes, functions,
// docstrings and comments; rarely it mentions the distributed lock.
func (g *gen) python(size int) []byte {
	var b strings.Builder
	b.WriteString(`"""` + g.sentence(10) + `."""` + "\n\nimport asyncio\nfrom typing import Any\n\n")
	for b.Len() < size {
		switch g.r.IntN(10) {
		case 0:
			fmt.Fprintf(&b, "\nclass %s:\n    \"\"\"%s.\"\"\"\n\n    def __init__(self, %s: Any) -> None:\n        self.%s = %s\n", g.ident(true), g.sentence(12), g.word(), g.word(), g.word())
		case 1:
			fmt.Fprintf(&b, "    # %s\n", g.sentence(9))
		case 2:
			if g.r.IntN(40) == 0 {
				b.WriteString("    # Take the distributed lock before touching shared state.\n    async with locker.lock(key):\n        pass\n")
			} else {
				fmt.Fprintf(&b, "    await asyncio.sleep(%d)\n", g.r.IntN(9))
			}
		default:
			fmt.Fprintf(&b, "\n\nasync def %s(%s: str, %s: int = %d) -> dict[str, Any]:\n    result = await %s.%s(%s, limit=%s)\n    return {\"%s\": result, \"%s\": %d}\n",
				g.ident(false), g.word(), g.word(), g.r.IntN(100), g.word(), g.ident(false), g.word(), g.word(), g.word(), g.word(), g.r.IntN(1000))
		}
	}
	return []byte(b.String())
}

func (g *gen) typescript(size int) []byte {
	var b strings.Builder
	b.WriteString("import { useQuery } from '@tanstack/react-query'\n\n")
	for b.Len() < size {
		if g.r.IntN(3) == 0 {
			fmt.Fprintf(&b, "// %s\nexport interface %s {\n  %s: string\n  %s?: number\n}\n\n", g.sentence(8), g.ident(true), g.word(), g.word())
		} else {
			fmt.Fprintf(&b, "export const %s = (%s: string) => {\n  const { data } = useQuery({ queryKey: ['%s', %s] })\n  return data?.%s ?? null\n}\n\n", g.ident(true), g.word(), g.word(), g.word(), g.word())
		}
	}
	return []byte(b.String())
}

func (g *gen) markdown(size int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\n---\n\n", g.sentence(3))
	for b.Len() < size {
		fmt.Fprintf(&b, "## %s\n\n%s.\n\n```python\n%s = %d\n```\n\n", g.sentence(4), g.sentence(60), g.ident(false), g.r.IntN(100))
	}
	return []byte(b.String())
}

// binary is size bytes of noise (compressed data looks like noise) after
// the header of the format.
func (g *gen) binary(header string, size int) []byte {
	b := make([]byte, max(size, len(header)))
	var seed [32]byte
	for i := range seed {
		seed[i] = byte(g.r.IntN(256))
	}
	rand.NewChaCha8(seed).Read(b)
	copy(b, header)
	return b
}

// Headers of the binary formats a web app and its server hold; each has a
// NUL byte within its first bytes, as the real ones do.
const (
	pngHeader   = "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"
	jpegHeader  = "\xff\xd8\xff\xe0\x00\x10JFIF\x00"
	zipHeader   = "PK\x03\x04\x14\x00\x00\x00\x08\x00"
	woff2Header = "wOF2\x00\x01\x00\x00"
	ttfHeader   = "\x00\x01\x00\x00\x00\x0f\x00\x80"
	pycHeader   = "\xcb\x0d\x0d\x0a\x00\x00\x00\x00"
)

func (g *gen) monorepo(app string) {
	srv := "server/" + app
	g.write("server/.gitignore", []byte("__pycache__/\n*.pyc\n.venv/\n!keep.pyc\n"))
	g.write(srv+"/kit/locker.py", []byte("\"\"\"Distributed lock on Redis.\"\"\"\n\n\nclass DistributedLock:\n    \"\"\"The distributed lock.\"\"\"\n\n    async def acquire(self) -> bool:\n        return True\n\n\nclass Locker:\n    def lock(self, name: str) -> DistributedLock:\n        return DistributedLock()\n"))
	for m := 0; m < 200; m++ {
		mod := fmt.Sprintf("%s/%s_%d", srv, g.word(), m)
		for _, f := range []string{"endpoints", "service", "repository", "schemas", "tasks"} {
			g.write(mod+"/"+f+".py", g.python(4_000+g.r.IntN(12_000)))
		}
		g.write(mod+"/__init__.py", []byte(""))
		// Ignored by server/.gitignore: compiled files git and rg skip.
		g.write(mod+"/__pycache__/service.cpython-312.pyc", g.binary(pycHeader, 4_000))
		g.write(fmt.Sprintf("server/tests/%s_%d/test_service.py", app, m), g.python(3_000+g.r.IntN(5_000)))
	}
	for i := 0; i < 400; i++ {
		g.write(fmt.Sprintf("%s/models/%s_%d.py", srv, g.word(), i), g.python(4_000+g.r.IntN(4_000)))
		g.write(fmt.Sprintf("server/migrations/versions/%s_%04d_%s.py", app, i, g.ident(false)), g.python(2_000+g.r.IntN(2_000)))
	}
	web := "clients/apps/" + app
	g.write(web+"/.gitignore", []byte("node_modules/\n/dist\n.next/\n*.log\n"))
	for i := 0; i < 2000; i++ {
		ext := ".ts"
		if i%3 == 0 {
			ext = ".tsx"
		}
		g.write(fmt.Sprintf("%s/src/%s/%s%s", web, g.word(), g.ident(true)+fmt.Sprint(i), ext), g.typescript(3_000+g.r.IntN(9_000)))
	}
	for i := 0; i < 300; i++ {
		g.write(fmt.Sprintf("%s/node_modules/%s/index.js", web, g.ident(false)+fmt.Sprint(i)), g.typescript(10_000))
		g.write(fmt.Sprintf("%s/dist/chunk-%d.js", web, i), g.typescript(8_000))
	}
	// Binaries, 58% of the bytes git lists, as in polarsource/polar:
	// screenshots and icons, photos, archived fixtures and web fonts.
	for i := 0; i < 450; i++ {
		size := 2_000 + g.r.IntN(20_000)
		if i%4 == 0 {
			size = 120_000 + g.r.IntN(300_000) // screenshots
		}
		g.write(fmt.Sprintf("%s/public/img/%s-%d.png", web, g.word(), i), g.binary(pngHeader, size))
	}
	for i := 0; i < 60; i++ {
		g.write(fmt.Sprintf("%s/public/photos/%s-%d.jpg", web, g.word(), i), g.binary(jpegHeader, 10_000+g.r.IntN(50_000)))
	}
	for i := 0; i < 40; i++ {
		hdr, ext := woff2Header, ".woff2"
		if i%2 == 0 {
			hdr, ext = ttfHeader, ".ttf"
		}
		g.write(fmt.Sprintf("%s/public/fonts/%s-%d%s", web, g.word(), i, ext), g.binary(hdr, 20_000+g.r.IntN(180_000)))
	}
	for i := 0; i < 30; i++ {
		g.write(fmt.Sprintf("%s/tests/fixtures/%s-%d.zip", srv, g.word(), i), g.binary(zipHeader, 50_000+g.r.IntN(500_000)))
	}
	for i := 0; i < 3; i++ {
		g.write(fmt.Sprintf("%s/data/fixture-%d.json", srv, i), []byte(strings.Repeat("{\"status\": \"paid\"}\n", 111_000)))
	}
	g.write("handbook/docs.json", []byte(`{"navigation": {"groups": [{"group": "Backend Development", "pages": []}]}}`))
	for i := 0; i < 150; i++ {
		g.write(fmt.Sprintf("handbook/engineering/%s/%s-%d.mdx", app, g.word(), i), g.markdown(3_000+g.r.IntN(9_000)))
	}
	g.write(".github/workflows/"+app+".yml", []byte("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"))
}
