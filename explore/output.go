package explore

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/lang"
)

// Formats Run prints.
var Formats = []string{"text", "json", "markdown"}

// progressAfter is how long a search runs silently before it reports
// progress on a terminal; progressEvery is how often it updates then.
// Variables so that tests need not wait.
var (
	progressAfter = 500 * time.Millisecond
	progressEvery = 100 * time.Millisecond
)

// Run searches and prints the result to opts.IO in opts.Format; with
// opts.Files it prints the walked files instead.
func Run(opts Options) error {
	ios := opts.IO
	format := opts.Format
	if format == "" {
		format = "text"
	}
	if !validFormat(format) {
		return &cli.UsageError{Msg: fmt.Sprintf("unknown format %q", format), Hint: "Use --format " + strings.Join(Formats, ", ") + "."}
	}
	out := bufio.NewWriter(ios.Out)
	defer out.Flush()
	if opts.Files {
		files, err := Files(opts)
		if err != nil {
			return err
		}
		for _, f := range files {
			fmt.Fprintln(out, f)
		}
		return nil
	}
	p, c, err := newSearch(opts)
	if err != nil {
		return err
	}
	// The live heap stays at a few MB whatever the corpus, but with the
	// default target each extra GC cycle over a bigger corpus let peak RSS
	// creep up (13.5 -> 14.4 MB from 1x to 2x). Collecting at half the
	// growth keeps it flat (13.0 -> 13.3 MB) at no measurable cost in time.
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	cnt := &counters{}
	stop := startProgress(ios, cnt)
	res, err := p.search(c, opts.Concept, cnt)
	stop()
	if err != nil {
		return err
	}
	switch format {
	case "json":
		err = WriteJSON(out, res)
	case "markdown":
		// The list is pasted into an entry, so links start from the
		// section folder where entries live.
		link, lerr := p.ws.CodeLinker(p.ws.Section, "")
		if lerr != nil {
			return lerr
		}
		WriteMarkdown(out, res, opts.Explain, link)
	default:
		width := 0
		if ios.OutTTY {
			width = ios.OutCols
		}
		WriteTextWidth(out, fromHere(res, p.ws), opts.Explain, ios.ColorOut(), width)
	}
	// The notes come after the data, so they are the last thing seen.
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	for _, w := range res.Stats.Warnings {
		fmt.Fprintln(ios.ErrOut, "explore: warning: "+w)
	}
	if line := res.Stats.Skipped(p.maxSize); line != "" {
		fmt.Fprintln(ios.ErrOut, "explore: "+line)
	}
	if len(res.Results) == 0 && len(res.DocumentedIn) == 0 && res.Entry == "" {
		fmt.Fprintf(ios.ErrOut, "explore: no file mentions \"%s\" (searched %s); try fewer words or another spelling\n", cli.Echo(c.Phrase(), 80), cli.Plural(res.Stats.FilesSearched, "file", "files"))
	}
	return err
}

func validFormat(f string) bool {
	for _, x := range Formats {
		if f == x {
			return true
		}
	}
	return false
}

// startProgress reports the running count on stderr, only on a terminal
// and only once the search has taken longer than progressAfter. The
// returned func stops it and clears the line.
func startProgress(ios *cli.IO, cnt *counters) func() {
	if !ios.ErrTTY {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		shown := false
		timer := time.NewTimer(progressAfter)
		defer timer.Stop()
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(ios.ErrOut, "\r\033[K")
				}
				return
			case <-timer.C:
				shown = true
				fmt.Fprintf(ios.ErrOut, "\r\033[Ksearching… %d files, %s", cnt.searched.Load(), FormatSize(cnt.bytes.Load()))
				timer.Reset(progressEvery)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

const (
	ansiBold  = "\033[1m"
	ansiMatch = "\033[1;31m"
	ansiDim   = "\033[2m"
	ansiReset = "\033[0m"
)

// WriteText prints files best first, grep style: "N:" marks a matching
// line, "N-" a context line, "--" a gap.
func WriteText(w io.Writer, res *Result, explain, color bool) {
	WriteTextWidth(w, res, explain, color, 0)
}

// WriteTextWidth is WriteText for a terminal width columns wide (0: not a
// terminal): the reasons of --explain and a module's list of files, prose
// that can run past 100 columns, wrap at words under their own text
// instead of at the terminal's edge. Code lines are never wrapped.
func WriteTextWidth(w io.Writer, res *Result, explain, color bool, width int) {
	fit := func(line string, indent int) string {
		return strings.Join(cli.WrapWords(line, width-1, indent), "\n")
	}
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	for i, r := range res.Results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s  %s  %s\n", paint(ansiBold, cli.SafeText(r.Path)), r.Role, strconv.FormatFloat(r.Score, 'f', -1, 64))
		if explain {
			for _, why := range r.Reasons {
				fmt.Fprintln(w, paint(ansiDim, fit("  · "+why, 2)))
			}
		}
		if r.Kind == "module" {
			// A module shows its files, then the snippets of its best.
			var files []string
			for _, f := range r.Files[:min(len(r.Files), maxModuleFilesShown)] {
				files = append(files, fmt.Sprintf("%s (%s)", cli.SafeText(strings.TrimPrefix(f.Path, r.Path)), f.Role))
			}
			if more := len(r.Files) - maxModuleFilesShown; more > 0 {
				files = append(files, fmt.Sprintf("and %d more", more))
			}
			fmt.Fprintln(w, fit("  files: "+strings.Join(files, ", "), 7))
			if f := snippetFile(r); f != r.Path {
				fmt.Fprintf(w, "  %s:\n", cli.SafeText(f))
			}
		}
		printLines(w, r.Hits, color)
	}
	shown := 0
	for _, r := range res.Results {
		shown += max(1, len(r.Files)) // a module stands for its files
	}
	if more := res.Matched - shown; more > 0 && len(res.Results) > 0 {
		fmt.Fprintf(w, "\n(%s more; see --limit)\n", cli.Plural(more, "file", "files"))
	}
	if res.Entry != "" {
		if len(res.Results) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "The entry for this concept: "+cli.SafeText(res.Entry))
	}
	if len(res.DocumentedIn) > 0 {
		if len(res.Results) > 0 || res.Entry != "" {
			fmt.Fprintln(w)
		}
		if res.Entry != "" {
			fmt.Fprintln(w, "Also documented in:")
		} else {
			fmt.Fprintln(w, "Already documented in:")
		}
		for _, d := range res.DocumentedIn {
			fmt.Fprintln(w, "  "+cli.SafeText(d))
		}
	}
}

// fromHere returns res with its paths relative to the folder the command
// runs in, as lint's findings are, for the text format: a path printed
// after --root or from a subfolder then opens as printed. JSON keeps them
// from the root (it is data, the same wherever it runs), and markdown
// links start from the section folder.
func fromHere(res *Result, ws *workspace.Workspace) *Result {
	if ws == nil || ws.Show(".") == "." {
		return res
	}
	show := func(p string) string {
		s := ws.Show(p)
		if strings.HasSuffix(p, "/") && !strings.HasSuffix(s, "/") {
			s += "/" // a module folder keeps the slash that says so
		}
		return s
	}
	out := *res
	out.Results = make([]FileResult, len(res.Results))
	for i, r := range res.Results {
		r.Path = show(r.Path)
		files := make([]ModuleFile, len(r.Files))
		for j, f := range r.Files {
			f.Path = show(f.Path)
			files[j] = f
		}
		r.Files = files
		hits := make([]Hit, len(r.Hits))
		for j, h := range r.Hits {
			if h.Path != "" {
				h.Path = show(h.Path)
			}
			hits[j] = h
		}
		r.Hits = hits
		out.Results[i] = r
	}
	if res.Entry != "" {
		out.Entry = show(res.Entry)
	}
	out.DocumentedIn = make([]string, len(res.DocumentedIn))
	for i, d := range res.DocumentedIn {
		out.DocumentedIn[i] = show(d)
	}
	return &out
}

// maxModuleFilesShown bounds the files listed under a module result.
const maxModuleFilesShown = 6

// snippetFile is the file a result's snippets come from: the result's
// own path, or a module's best file.
func snippetFile(r FileResult) string {
	if len(r.Hits) > 0 && r.Hits[0].Path != "" {
		return r.Hits[0].Path
	}
	return r.Path
}

// row is one line of a snippet block.
type row struct {
	n    int
	text string
	hit  bool
}

// blocks merges the snippets of a file into runs of consecutive lines:
// where the context of one snippet reaches another, each line appears once,
// a matching line as a match.
func blocks(hits []Hit, color bool) [][]row {
	rows := map[int]row{}
	best := map[int]int{} // line of a hit → its place in hits (best first)
	for i, h := range hits {
		first := h.Line - len(h.ContextBefore)
		for j, t := range h.ContextBefore {
			if _, ok := rows[first+j]; !ok {
				rows[first+j] = row{n: first + j, text: safeLine(t)}
			}
		}
		rows[h.Line] = row{n: h.Line, text: highlight(h, color), hit: true}
		if _, ok := best[h.Line]; !ok {
			best[h.Line] = i
		}
		for j, t := range h.ContextAfter {
			if r, ok := rows[h.Line+1+j]; !ok || !r.hit {
				rows[h.Line+1+j] = row{n: h.Line + 1 + j, text: safeLine(t)}
			}
		}
	}
	lines := make([]int, 0, len(rows))
	for n := range rows {
		lines = append(lines, n)
	}
	sort.Ints(lines)
	var out [][]row
	var rank []int // the best hit of each block
	for i, n := range lines {
		if i == 0 || n > lines[i-1]+1 {
			out = append(out, nil)
			rank = append(rank, len(hits))
		}
		out[len(out)-1] = append(out[len(out)-1], rows[n])
		if b, ok := best[n]; ok {
			rank[len(rank)-1] = min(rank[len(rank)-1], b)
		}
	}
	// Blocks read top to bottom inside, but the block of the most telling
	// hit comes first (class Locker before class LockerError above it),
	// as the hits are ordered.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rank[order[a]] < rank[order[b]] })
	sorted := make([][]row, len(out))
	for i, k := range order {
		sorted[i] = out[k]
	}
	return sorted
}

func printLines(w io.Writer, hits []Hit, color bool) {
	for i, blk := range blocks(hits, color) {
		if i > 0 {
			fmt.Fprintln(w, "  --")
		}
		for _, r := range blk {
			mark := "-"
			if r.hit {
				mark = ":"
			}
			fmt.Fprintf(w, "  %d%s%s\n", r.n, mark, r.text)
		}
	}
}

func highlight(h Hit, color bool) string {
	if !color || len(h.Spans) == 0 {
		return safeLine(h.Text)
	}
	var b strings.Builder
	pos := 0
	for _, sp := range h.Spans {
		b.WriteString(safeLine(h.Text[pos:sp[0]]))
		b.WriteString(ansiMatch + safeLine(h.Text[sp[0]:sp[1]]) + ansiReset)
		pos = sp[1]
	}
	b.WriteString(safeLine(h.Text[pos:]))
	return b.String()
}

// safeLine escapes the control characters of a line of code (an ANSI
// escape in a string literal would act on the terminal), keeping tabs.
func safeLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		return cli.IsControl(r) && r != '\t' || r == utf8.RuneError
	}) {
		return s
	}
	parts := strings.Split(s, "\t")
	for i, p := range parts {
		parts[i] = cli.SafeText(p)
	}
	return strings.Join(parts, "\t")
}

// WriteMarkdown prints a list ready to paste into an entry, under "How it
// works" (hence a level-3 heading): each file with its role, then each
// snippet as a path#Lstart-Lend link and a fenced block in the file's
// language.
//
// link writes each link as seen from where the list is pasted (nil: paths
// relative to the repository root).
func WriteMarkdown(w io.Writer, res *Result, explain bool, link workspace.CodeLinker) {
	if link == nil {
		link = func(p string, start, end int) string {
			if start <= 0 {
				return p
			}
			return fmt.Sprintf("%s#L%d-L%d", p, start, end)
		}
	}
	fmt.Fprintln(w, "### Where it lives in the code")
	fmt.Fprintln(w)
	for _, r := range res.Results {
		fmt.Fprintf(w, "- `%s` (%s)\n", r.Path, r.Role)
		if explain {
			fmt.Fprintf(w, "  <!-- score %s: %s -->\n", strconv.FormatFloat(r.Score, 'f', -1, 64), strings.Join(r.Reasons, "; "))
		}
		fence := "```"
		blks := blocks(r.Hits, false)
		for _, blk := range blks {
			for _, l := range blk {
				for strings.Contains(l.text, fence) {
					fence += "`"
				}
			}
		}
		file := snippetFile(r)
		for _, blk := range blks {
			start, end := blk[0].n, blk[len(blk)-1].n
			label := fmt.Sprintf("%s#L%d-L%d", file, start, end)
			if start == end {
				label = fmt.Sprintf("%s#L%d", file, start)
			}
			fmt.Fprintf(w, "\n  [%s](%s)\n\n", label, link(file, start, end))
			fmt.Fprintf(w, "  %s%s\n", fence, lang.Of(file).Name)
			for _, l := range blk {
				fmt.Fprintln(w, indent(l.text))
			}
			fmt.Fprintf(w, "  %s\n", fence)
		}
		fmt.Fprintln(w)
	}
	if len(res.DocumentedIn) > 0 {
		fmt.Fprintln(w, "Already documented in:")
		fmt.Fprintln(w)
		for _, d := range res.DocumentedIn {
			fmt.Fprintf(w, "- [%s](%s)\n", path.Base(d), link(d, 0, 0))
		}
	}
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	return "  " + s
}

// ParseSize reads a size such as 2M, 2MiB, 512K, 1.5MB or 1048576 (bytes);
// K, M and G are powers of 1024.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || f*float64(mult) > 1<<40 {
		return 0, cli.Usagef("--max-filesize %q is not a size; use e.g. 2M, 512K or 1048576", s)
	}
	return int64(f * float64(mult)), nil
}

// FormatSize prints a byte count the way ParseSize reads it.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
