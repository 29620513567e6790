package explore

import (
	"fmt"
	"math"
	"math/bits"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/lazyre"
	"github.com/handbook-dev/handbook/workspace/lang"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// Ranking. Every signal is in units of the concept's weight W, the sum of
// its words' rarity (IDF over the files searched), so that scores of
// different concepts read alike and --refs auto can use one threshold.
//
//   - Content: each word's matches, BM25-saturated (k1, b) and normalised
//     by file length, times its IDF; the whole phrase (and partial runs of
//     it) as a term of its own. Repetition cannot win alone.
//   - Definitions: the name a file defines that is closest to the concept
//     (DistributedLock over LockerError), weighted by how much of the
//     concept (by IDF) it holds and how little else.
//   - File and folder names: the same closeness on the path, role words
//     (_service, Job, Controller) dropped; an exact file name counts more
//     than a definition.
//   - Centrality: how many files use the names the file defines.
//   - Hubs: a file that builds or lists every subsystem (cmd/init.go, a
//     mailer with one function per email) keeps less definition credit
//     when few of its definitions are about the concept and a file or
//     folder named after it is among the best (see weighHubs).
//   - Demotions: tests, migrations, generated, vendored and documentation
//     files (by path conventions and .gitattributes linguist-*), schema
//     dumps (no definition credit), and front-end and docs files for a
//     backend audience.
const (
	bm25K1       = 1.2
	bm25B        = 0.5
	wPhraseTerm  = 1.0  // the phrase as a term, times its own IDF
	wPartialTerm = 0.3  // partial runs, times W
	wDefBest     = 3.0  // the closest definition, times W × closeness
	wDefSecond   = 0.5  // the next two
	wDefThird    = 0.25 // ...
	wFileName    = 3.5  // file name, times W × closeness
	wDirName     = 2.5  // nearest folder named after the concept
	wJoined      = 0.95 // a name read with its folder's, relative to a name alone
	wModule      = 3.5  // a module folder's name, times W × closeness
	wCentral     = 0.5  // most central file, times W
	centralScale = 30.0 // uses at which centrality is at its full weight

	factorTest       = 0.3
	factorMigration  = 0.3
	factorGenerated  = 0.15
	factorVendored   = 0.15
	factorLockFile   = 0.1
	factorDocs       = 0.4
	factorFrontend   = 0.35
	factorSchemaDump = 0.5
	dumpNamed        = 0.4 // a dump named this much after the concept is no dump to it
	factorConfig     = 0.8
	factorTooling    = 0.4  // dotfiles, build manifests, hosting configuration
	factorLocale     = 0.15 // translation catalogues
	factorScript     = 0.6  // one-off scripts (scripts/backfill_x.py)
	// Layers: where the logic of a concept lives ranks above the layers
	// that expose or store it.
	factorEndpoint = 0.75
	factorSchema   = 0.85
	// Type declarations (interfaces, DTOs, enums) name the concept
	// without its behaviour.
	factorDeclarations = 0.4
	factorModel        = 0.95
	// With a repository layer the ORM models only map the tables: the
	// queries live in the repositories, the logic in services (Rails and
	// Django models, which hold both, have no such layer beside them).
	factorModelBeside = 0.6
)

// Audiences a handbook can be written for (explore.audience).
const (
	AudienceBackend = "backend"
	AudienceAll     = "all"
)

// Signal is one piece of evidence and what it added to (or the factor it
// applied to) a file's score.
type Signal struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Factor bool    `json:"factor,omitempty"` // Value multiplies the score
	Detail string  `json:"detail"`
}

// corpus is what the pass learned about the repository as a whole.
type corpus struct {
	files    int   // files searched
	bytes    int64 // their total size
	df       [maxWords]int
	dfPhrase int
	// dfInOrder is how many files say the phrase in the concept's word
	// order (see phraseCounts).
	dfInOrder int
	uses      map[string]int // identifier -> files using it
	// repositories is how many matching files are in a repository
	// layer (repositories/, repos/, *Repository.cs, repository.py).
	repositories int
	attrs        walk.Attributes
}

// ranker scores files once the corpus is known.
type ranker struct {
	c        *Concept
	a        analyzer // for names
	cp       *corpus
	audience string
	idf      [maxWords]float64
	idfP     float64
	w        float64 // Σ idf: the concept's weight
	avgLen   float64
	dirQ     map[dirKey]float64 // closeness of folders, by parent and name
	// roleNamed caches namesRole.
	roleNamed map[string]bool
	// aboutErrors is set when the concept is about errors itself: then
	// error types' names are no weaker (see errorName).
	aboutErrors bool
	// hub is, for the best files only, how much of the file's
	// definitions are about the concept (see weighHubs); a file not in
	// it is not a hub.
	hub map[*fileFacts]hubShare
	// parts are the best files named after the concept and more
	// (meal_plan_rules for meal-planning) when a file named exactly
	// after it is among the best too (see weighParts).
	parts map[*fileFacts]bool
	// definers is, for each name a matching file defines, how many
	// matching files define it (see countDefiners).
	definers map[string]int
}

// dirKey is a folder's name and its parent's: the key joined as a string
// was an allocation every folder of every file scored.
type dirKey struct{ parent, name string }

// hubShare is how many of a file's definitions are about the concept.
type hubShare struct{ about, total int }

// minIDF keeps a word found in every file of a small repository worth
// something: it still names the concept.
const minIDF = 0.2

func idf(n, df int) float64 {
	return max(minIDF, math.Log(1+(float64(n)-float64(df)+0.5)/(float64(df)+0.5)))
}

func newRanker(c *Concept, cp *corpus, audience string) *ranker {
	r := &ranker{c: c, cp: cp, audience: audience, a: newAnalyzer(c), dirQ: map[dirKey]float64{}, roleNamed: map[string]bool{}}
	n := max(cp.files, 1)
	for i := range c.Words {
		r.idf[i] = idf(n, cp.df[i])
		r.w += r.idf[i]
	}
	r.idfP = idf(n, cp.dfPhrase)
	for _, w := range c.Words {
		switch w {
		case "error", "errors", "exception", "exceptions", "failure", "failures", "fault", "faults":
			r.aboutErrors = true
		}
	}
	if len(c.Words) == 1 {
		r.idfP = r.idf[0]
	}
	if r.w <= 0 {
		r.w = 1
	}
	r.avgLen = float64(cp.bytes) / float64(n)
	if r.avgLen <= 0 {
		r.avgLen = 1
	}
	return r
}

// sat is BM25's saturated term frequency. Its length normalisation
// rewards a file shorter than the average for saying a word often in
// little text; but one mention is one mention in a file of any length
// (a word said once in a 20-line file is no stronger evidence that the
// file is about it than once in a 200-line one), so a count of one or
// less is not raised for a short file.
func (r *ranker) sat(tf float64, size int) float64 {
	norm := 1 - bm25B + bm25B*float64(size)/r.avgLen
	if tf <= 1 && norm < 1 {
		norm = 1
	}
	return tf * (bm25K1 + 1) / (tf + bm25K1*norm)
}

// wordCredit is word i's content credit, saturated. A word the file
// says only in comments is talk about it (a short model file whose one
// comment says "LLM"): each mention is worth wProse of a mention in code,
// after saturation as before it; weighed before it, as tf is, the
// saturation gave one comment's mention more than half of a mention in
// code. A file that says the whole phrase, if only in a comment (a module
// docstring: "tamper protection for the webhooks we receive"), or whose
// comment documents a definition as the whole concept (see defFact.doc),
// says what it is, not only talks: its words count as before.
func (r *ranker) wordCredit(f *fileFacts, i int, documented bool) float64 {
	if f.inCode&(1<<i) == 0 && !documented {
		// In float32, as counted: one mention is 1 exactly.
		return r.idf[i] * wProse * r.sat(float64(f.tf[i]/wProse), f.size)
	}
	return r.idf[i] * r.sat(float64(f.tf[i]), f.size)
}

// documentsConcept reports whether the file says the whole phrase or a
// comment of it documents one of its definitions as the whole concept.
func documentsConcept(f *fileFacts) bool {
	if f.phrase > 0 {
		return true
	}
	for _, d := range f.defs {
		if d.doc {
			return true
		}
	}
	return false
}

// closeness says how much a name is the concept, from 0 to 1: the share
// of the concept's weight its words hold, less for every other word in the
// name, a little less out of order or through a synonym. 1 is the concept
// itself (distributed_lock.py, DistributedLockService, locks/ for lock).
func (r *ranker) closeness(mask uint16, words, covered int, ordered, syn bool) float64 {
	if mask == 0 || words == 0 {
		return 0
	}
	var held float64
	for i := range r.c.Words {
		if mask&(1<<i) != 0 {
			held += r.idf[i]
		}
	}
	q := held / r.w * (0.5 + 0.5*float64(covered)/float64(words))
	if !ordered && popcount(mask) > 1 {
		q *= 0.95
	}
	if syn {
		q *= 0.85
	}
	return q
}

// dirCloseness scores folder k of dirs: its name, or with its parent's
// (benefit/grant/ for benefit-grants, bounce/mailbox/). Many files share
// a folder: each is scored once.
func (r *ranker) dirCloseness(dirs []string, k int) float64 {
	key := dirKey{name: dirs[k]}
	if k > 0 {
		key.parent = dirs[k-1]
	}
	if q, ok := r.dirQ[key]; ok {
		return q
	}
	q := r.nameCloseness(dirs[k])
	// Read with the parent only when the folder's own name holds part
	// of the concept: customer_portal/schemas/ is not another module.
	if k > 0 && q > 0 {
		q = math.Max(q, wJoined*r.nameCloseness(dirs[k-1]+"_"+dirs[k]))
	}
	r.dirQ[key] = q
	return q
}

// moduleDirCloseness is dirCloseness for module folders, where a concept
// about a role is also named by that role's folder: for schema-migrations,
// migrations/ holds the concept's own word and is where the migrations
// live, though "schema" is not in its name.
func (r *ranker) moduleDirCloseness(dirs []string, k int, role string) float64 {
	q := r.dirCloseness(dirs, k)
	if q < moduleCloseness && r.namesRole(role) && isRoleDir(role, dirs[k]) && (q > 0 || role == "migration") {
		// A framework's migrations folder (alembic/, db/migrate/,
		// Migrations/) is what a concept about migrations means,
		// whatever its name.
		return moduleCloseness
	}
	return q
}

// oneOfAKind reports whether a file is one of a kind its folder is named
// for (Converters/CronConverter.cs): the folder's concept words are the
// file's own and its last, the head of the name, which says what kind of
// thing the file is, while the words before say which one. The folder
// names the kind, not the concept, and the file's name has counted those
// words already. A module folder is named after what its files are about
// (recipe/recipe_data_service.py, Scanner/ParseScannedFiles.cs): their
// first or middle word, not their kind.
func (r *ranker) oneOfAKind(folder, name string) bool {
	fm, _, _, _, _ := r.a.nameWords([]byte(folder), false)
	if fm == 0 {
		return false
	}
	nm, words, covered, _, _ := r.a.nameWords([]byte(name), false)
	if fm != nm || words <= covered {
		return false
	}
	ws := splitWords(name)
	hm, _, _, _, _ := r.a.nameWords([]byte(ws[len(ws)-1]), false)
	return hm == fm
}

// kindFolder reports whether a file read with its folder is one of the
// kind the folder names: the folder holds the concept's later words, the
// file its earlier ones (tool_call/function.rb, ToolCall::Function, a
// function tool call, for function-calling; locks/distributed.py for
// distributed-lock). Said in one name the folder's words would be its
// head (FunctionToolCall), as Converters/CronConverter.cs says it (see
// oneOfAKind): the name read with the folder has counted them. A folder
// holding the concept's first words is the module the file is a part of
// (transaction/search.rb for transaction-search) and counts on its own.
func (r *ranker) kindFolder(dir, stem string) bool {
	dm, _, _, _, _ := r.a.nameWords([]byte(dir), false)
	sm, _, _, _, _ := r.a.nameWords([]byte(stem), false)
	if dm == 0 || sm == 0 || dm&sm != 0 {
		return false
	}
	// The lowest concept word each holds: the folder's comes later.
	return bits.TrailingZeros16(dm) > bits.TrailingZeros16(sm)
}

// folderWordsIn counts the words of a defined name, none of the
// concept's, that the name of its file's folder holds too: they say
// where the definition is, not what else it is about
// (AppriseEventListener in event_bus_service/ is the Apprise listener of
// the event bus, no more than ApprisePublisher beside it is about
// something else), as a layer word inside a name does (see nameWords).
// A file's name has no need of it: it is read with its folder's already.
// A name whose every word is the folder's is the folder's namesake
// (Ruby's class ToolCall::Function defines ToolCall, under tool_call/),
// which the folder's credit has counted: it keeps its words.
func (r *ranker) folderWordsIn(name string, folder []string) int {
	n, in := 0, 0
	ws := splitWords(name)
	for _, w := range ws {
		if !slices.Contains(folder, w) && !slices.Contains(folder, strings.TrimSuffix(w, "s")) {
			continue
		}
		in++
		if m, _, _, _, _ := r.a.nameWords([]byte(w), false); m == 0 && len(w) >= 3 {
			n++
		}
	}
	if in == len(ws) {
		return 0 // the folder's namesake (ToolCall in tool_call/)
	}
	return n
}

// nameCloseness scores a file or folder name.
func (r *ranker) nameCloseness(name string) float64 {
	mask, words, covered, ordered, syn := r.a.nameWords([]byte(name), false)
	return r.closeness(mask, words, covered, ordered, syn) * r.errorName(name)
}

// docCloseness is how much a definition documented as the concept is
// the concept, against one named after it.
const docCloseness = 0.5

func (r *ranker) defCloseness(d defFact) float64 {
	q := r.closeness(d.mask, d.words, d.covered, d.ordered, d.syn)
	if d.doc {
		q = math.Max(q, docCloseness)
	}
	return q * defKindWeight(d.shown) * r.errorName(d.name)
}

// factorErrorName weighs a name that is an error type (PdfExportException,
// LockerError): it tells how the concept fails, not where it lives.
const factorErrorName = 0.6

// errorName is factorErrorName for the name of an error or exception type,
// unless the concept is about errors itself; else 1.
func (r *ranker) errorName(name string) float64 {
	if r.aboutErrors {
		return 1
	}
	n := len(name)
	for _, suf := range []string{"exception", "error", "errors", "exceptions"} {
		if n > len(suf) && strings.EqualFold(name[n-len(suf):], suf) {
			return factorErrorName
		}
	}
	return 1
}

// defKindWeight says how much a kind of definition tells where a concept
// lives: a class or type most, a function a little less, a constant or
// variable least (DistributedLock before distributed_lock = ...).
func defKindWeight(shown string) float64 {
	for _, f := range strings.Fields(shown) {
		switch f {
		case "class", "type", "struct", "interface", "trait", "module", "enum", "record", "object", "protocol", "impl", "namespace":
			return 1
		case "def", "func", "function", "fn", "fun", "function*":
			return 0.9
		}
	}
	return 0.75
}

// ranked is a file with its score and the signals behind it.
type ranked struct {
	f     *fileFacts
	score float64
	norm  float64 // score / W
	// score is unrounded; results show it to one decimal.
	signals []Signal
	central int
	dirQ    float64 // closeness of the nearest folder named after the concept
	dir     string  // that folder
	named   float64 // the closer of the file's name and dirQ
}

// score scores one file.
func (r *ranker) score(f *fileFacts, explain bool) ranked {
	rk := ranked{f: f}
	// Details are written only for the results shown: scoring every
	// file that mentions a common word must not format thousands.
	add := func(name string, v float64, detail func() string) {
		if v <= 0 {
			return
		}
		rk.score += v
		if explain {
			rk.signals = append(rk.signals, Signal{Name: name, Value: round2(v), Detail: detail()})
		}
	}
	base := path.Base(f.rel)
	stem := strings.TrimSuffix(base, path.Ext(base))
	// The file's name, or its folder and name read together
	// (oauth2/authorization_server.py, bounce/mailbox.go).
	q, shownName := r.nameCloseness(stem), base
	kindDir := false
	if dir := path.Base(path.Dir(f.rel)); dir != "." && q > 0 {
		if q2 := wJoined * r.nameCloseness(dir+"_"+stem); q2 > q {
			q, shownName = q2, dir+"/"+base
			kindDir = r.kindFolder(dir, stem)
		}
	}
	rk.named = q
	fileQ := q
	if q > 0 {
		add("file-name", wFileName*r.w*q, func() string {
			s := fmt.Sprintf("file name %s is %.0f%% the concept", shownName, 100*q)
			if r.errorName(stem) < 1 {
				s += fmt.Sprintf(" (an error type's name: ×%g)", factorErrorName)
			}
			return s
		})
	}
	// The nearest folder named after the concept counts most.
	dirs := strings.Split(path.Dir(f.rel), "/")
	for k := len(dirs) - 1; k >= 0; k-- {
		if dirs[k] == "." {
			continue
		}
		q := r.dirCloseness(dirs, k)
		if q <= 0 {
			continue
		}
		decay := math.Pow(0.8, float64(len(dirs)-1-k))
		if q*decay > rk.dirQ {
			rk.dirQ, rk.dir = q*decay, strings.Join(dirs[:k+1], "/")
		}
	}
	rk.named = math.Max(rk.named, rk.dirQ)
	if rk.dirQ > 0 && !(fileQ > 0 && rk.dir == path.Dir(f.rel) && (kindDir || r.oneOfAKind(path.Base(rk.dir), stem))) {
		add("folder-name", wDirName*r.w*rk.dirQ, func() string { return fmt.Sprintf("folder %s/ is %.0f%% the concept", rk.dir, 100*rk.dirQ) })
	}
	// A schema dump is what a concept about the schema itself wants
	// (database-schema and schema.prisma): its name holds the concept.
	dump := isSchemaDump(f.rel) && rk.named < dumpNamed
	var defV float64 // the definition credit
	if !dump && len(f.defs) > 0 {
		qs := make([]float64, len(f.defs))
		order := make([]int, len(f.defs))
		var folder []string // the words of the file's folder, once needed
		for i, d := range f.defs {
			if d.words > d.covered && d.mask != 0 {
				if folder == nil {
					folder = splitWords(path.Base(path.Dir(f.rel)))
				}
				if n := r.folderWordsIn(d.name, folder); n > 0 && d.words-n >= max(d.covered, 1) {
					d.words -= n
				}
			}
			qs[i], order[i] = r.defCloseness(d), i
			if r.override(d) {
				qs[i] *= factorOverride
			}
		}
		sort.SliceStable(order, func(i, j int) bool { return qs[order[i]] > qs[order[j]] })
		var v float64
		var names []string
		for k, i := range order[:min(3, len(order))] {
			v += []float64{wDefBest, wDefSecond, wDefThird}[k] * r.w * qs[i]
			names = append(names, f.defs[i].shown)
		}
		// A hub's credit shrinks with the share of its definitions about
		// the concept; but a definition named exactly the concept is
		// where it lives, however many other things the file defines
		// (def starttls in an SMTP client).
		h, hub := r.hub[f]
		// A definition documented as the concept is no helper either.
		hub = hub && h.factor() < 1 && qs[order[0]] < hubExact*defKindWeight(f.defs[order[0]].shown) && !f.defs[order[0]].doc
		if hub {
			v *= h.factor()
		}
		defV = v
		add("definition", v, func() string {
			s := "defines " + strings.Join(names, ", ")
			if d := f.defs[order[0]]; d.doc && r.closeness(d.mask, d.words, d.covered, d.ordered, d.syn) < docCloseness {
				s += " (its doc comment names the concept)"
			}
			if r.errorName(f.defs[order[0]].name) < 1 {
				s += fmt.Sprintf(" (an error type: ×%g)", factorErrorName)
			}
			if hub {
				s += fmt.Sprintf(" (%d of its %d definitions are about the concept: ×%.2f)", h.about, h.total, h.factor())
			}
			return s
		})
	}
	// A source file named after the whole concept is its module: the
	// name is as strong as a definition of the concept would be, though
	// the file's own definitions are named otherwise (release_checker.py
	// for update-check defines get_latest_version).
	if ownQ := r.nameCloseness(stem); !dump && ownQ >= moduleCloseness && r.exactName(stem) && lang.IsSource(f.rel) {
		add("named-module", wDefBest*r.w*ownQ-defV, func() string {
			return fmt.Sprintf("a module named after the concept (%s): as strong as its definition", base)
		})
	}
	var content float64
	documented := documentsConcept(f)
	for i := range r.c.Words {
		if f.tf[i] > 0 {
			content += r.wordCredit(f, i, documented)
		}
	}
	add("words", content, func() string {
		var parts []string
		for i, w := range r.c.Words {
			if f.tf[i] > 0 {
				s := fmt.Sprintf("%s ×%s (idf %.1f)", w, trimFloat(f.tf[i]), r.idf[i])
				if f.inCode&(1<<i) == 0 && !documented {
					s += " only in comments"
				}
				parts = append(parts, s)
			}
		}
		return "words: " + strings.Join(parts, ", ")
	})
	if len(r.c.Words) > 1 {
		phrase, partial, _, reversed := r.phraseCounts(f)
		if phrase > 0 {
			add("phrase", wPhraseTerm*r.idfP*r.sat(float64(phrase), f.size), func() string {
				return fmt.Sprintf("the phrase %q ×%s (idf %.1f)", r.c.Phrase(), trimFloat(phrase), r.idfP)
			})
		}
		if partial > 0 {
			add("partial-phrase", wPartialTerm*r.w*r.sat(float64(partial), f.size)/(bm25K1+1), func() string {
				s := fmt.Sprintf("part of the phrase ×%s", trimFloat(partial))
				if reversed > 0 {
					s += fmt.Sprintf(" (×%s its words reversed, an order in which no file here says the phrase)", trimFloat(reversed))
				}
				return s
			})
		}
	}
	if c := r.centrality(f); c > 0 {
		rk.central = c
		add("centrality", wCentral*r.w*math.Min(1, math.Log1p(float64(c))/math.Log1p(centralScale)), func() string {
			return fmt.Sprintf("its names are used in %s", cli.Plural(c, "other file", "other files"))
		})
	}
	if explain {
		if sig, ok := sideSignal(f); ok {
			rk.signals = append(rk.signals, sig)
		}
	}
	for _, d := range r.demotions(f, dump) {
		rk.score *= d.Value
		rk.signals = append(rk.signals, d) // kept: demoted() reads them
	}
	if r.parts[f] {
		rk.score *= factorPart
		rk.signals = append(rk.signals, Signal{Name: "part", Value: factorPart, Factor: true, Detail: "named after the concept and more: a part of it, beside a file named exactly after it"})
	}
	rk.norm = rk.score / r.w
	return rk
}

// Reversed runs. Code says a concept's words the other way round for
// two reasons: as an action (resetPassword, inviteUser, check_for_updates
// for password-reset, user-invites, update-check) or as another compound,
// whose head is the concept's first word (tagContent, the content of a
// tag, for content-tags). The word order alone cannot tell them apart
// (ping_email is an email ping); the repository can. Where some file says
// the words in the concept's order, the concept is a name in this code and
// its reversed runs are mostly its actions; where none does, the phrase is
// no name of this code, and a reversed run is as likely another thing: it
// counts as part of the phrase, which it surely is. A run across a '.'
// (Authentication.JwtBearer, a namespace and its part) reads from the
// whole to the part, and says nothing of the order either way.

// phraseCounts returns the file's whole-phrase count, its count of partial
// runs and of the whole phrase in code, with its reversed runs moved from
// the phrase to the partial runs (and reported) when no file in the
// repository says the phrase in the concept's order.
func (r *ranker) phraseCounts(f *fileFacts) (phrase, partial float32, code int32, reversed float32) {
	if r.cp.dfInOrder > 0 || f.reversed == 0 {
		return f.phrase, f.partial, f.phraseCode, 0
	}
	return f.phrase - f.reversed, f.partial + f.reversed, f.phraseCode - f.reversedCode, f.reversed
}

// phraseCode is how many times the file says the whole phrase in code
// (see phraseCounts).
func (r *ranker) phraseCode(f *fileFacts) int32 {
	_, _, code, _ := r.phraseCounts(f)
	return code
}

// exactName reports a name that is the whole concept and nothing else,
// once role words are dropped (rate_limiter, RateLimitService), in any
// order or through a synonym (release_checker for update-check).
func (r *ranker) exactName(name string) bool {
	mask, words, covered, _, _ := r.a.nameWords([]byte(name), false)
	return mask == r.a.nm.full && words == covered
}

// minOverrides is how many files defining the same name make it an
// override of a shared interface rather than the thing itself.
const minOverrides = 4

// overrideUses is how many files may use an override's name for each
// that defines it.
const overrideUses = 2

// factorOverride weighs a definition whose name many files define.
const factorOverride = 0.25

// countDefiners counts, for each definition name, the matching files that
// define it. A name defined alike in many files (every controller's mixins
// property, every job's perform) is a base class's hook each of them
// overrides: the concept lives in the base, not in any one override.
func (r *ranker) countDefiners(facts []*fileFacts) {
	r.definers = map[string]int{}
	for _, f := range facts {
		for k, d := range f.defs {
			if !hasDefBefore(f.defs[:k], d.name) {
				r.definers[d.name]++
			}
		}
	}
}

func hasDefBefore(defs []defFact, name string) bool {
	for _, d := range defs {
		if d.name == name {
			return true
		}
	}
	return false
}

// override reports whether many files define the name and hardly more
// use it than define it (each override reads its own, the base class
// calls it): a hook, not a name others call (async def ingest in six
// services, called from forty files, is no hook). A class or module
// defined in many files is no override: it is one namespace opened
// again in each (Ruby's class Rule::Condition, class Rule::Registry
// under rule/, beside rule.rb's class Rule; C#'s partial classes).
func (r *ranker) override(d defFact) bool {
	n := r.definers[d.name]
	return n >= minOverrides && r.cp.uses[d.name] <= overrideUses*n && !isTypeDef(d.shown)
}

// isTypeDef reports a definition of a class, module or other type (by
// its keywords as shown), not of a function or a value.
func isTypeDef(shown string) bool {
	for _, f := range strings.Fields(shown) {
		switch f {
		case "class", "type", "struct", "interface", "trait", "module", "enum", "record", "object", "protocol", "namespace", "defmodule":
			return true // not Rust's impl: impl Display for X in many files is a trait's overrides
		}
	}
	return false
}

// centrality is how many other files use the names the file defines; an
// override's uses are the interface's, not this file's.
func (r *ranker) centrality(f *fileFacts) int {
	best := 0
	for _, d := range f.defs {
		if r.override(d) {
			continue
		}
		if n := r.cp.uses[d.name]; n > best {
			best = n
		}
	}
	return best
}

// demotions lists the factors for files that rarely hold the
// implementation.
func (r *ranker) demotions(f *fileFacts, dump bool) []Signal {
	var out []Signal
	add := func(name string, v float64, detail string) {
		out = append(out, Signal{Name: name, Value: v, Factor: true, Detail: detail})
	}
	rel, base := f.rel, path.Base(f.rel)
	at := &r.cp.attrs
	// A concept about tests, migrations or docs wants them.
	if r.namesRole(f.role) {
		return nil
	}
	switch {
	case at.IsSet(rel, "linguist-generated"):
		add("generated", factorGenerated, "generated (linguist-generated in .gitattributes)")
	case at.IsSet(rel, "linguist-vendored"):
		add("vendored", factorVendored, "vendored (linguist-vendored in .gitattributes)")
	case at.IsSet(rel, "linguist-documentation"):
		add("documentation", factorDocs, "documentation (linguist-documentation in .gitattributes)")
	case f.role == "test":
		add("test", factorTest, "test file")
	case f.role == "migration":
		add("migration", factorMigration, "migration")
	case isLockFile(base):
		add("lock-file", factorLockFile, "lock file")
	case hasSegment(rel, "examples", "example"):
		add("example", factorVendored, "example code (an examples/ folder is a sample, not the system)")
	case hasSegment(rel, "vendor", "node_modules", "third_party", "site-packages", "dist", "build"):
		add("vendored", factorVendored, "vendored or built")
	case isGeneratedPath(rel, base) || f.generated:
		add("generated", factorGenerated, "generated")
	case dump:
		add("schema-dump", factorSchemaDump, "schema dump: its definitions are not where the concept lives")
	case isLocaleData(rel, base) && !r.namesRole("locale"):
		add("locale", factorLocale, "translation catalogue: data, not code")
	case r.audience == AudienceBackend && f.role == "frontend":
		add("frontend", factorFrontend, "front-end code, for a backend handbook")
	case r.audience == AudienceBackend && f.role == "doc":
		add("docs", factorDocs, "documentation, for a backend handbook")
	case isTooling(base):
		add("tooling", factorTooling, "tooling or build configuration, not the application")
	case f.role == "config":
		add("config", factorConfig, "configuration")
	case hasDir(rel, "scripts", "script") && !r.namesRole("script"):
		add("script", factorScript, "one-off script")
	case f.role == "endpoint":
		add("layer", factorEndpoint, "endpoint layer: the logic lives below it")
	case (f.role == "schema" || f.role == "code" || f.role == "model") && isDeclarations(rel):
		add("declarations", factorDeclarations, "type declarations only: the behaviour lives elsewhere")
	case f.role == "schema":
		add("layer", factorSchema, "schema layer: the logic lives elsewhere")
	case f.role == "model":
		if r.cp.repositories > 0 {
			add("layer", factorModelBeside, "model layer beside a repository layer: the models are the tables' shape, the repositories their queries")
		} else {
			add("layer", factorModel, "model layer: the logic usually lives in a service")
		}
	}
	return out
}

// namesRole reports whether the concept is about the role itself
// (schema-migrations and migration files, e2e-tests and tests).
func (r *ranker) namesRole(role string) bool {
	if v, ok := r.roleNamed[role]; ok {
		return v
	}
	names := map[string]string{"test": "tests", "migration": "migrations", "doc": "docs documentation", "frontend": "frontend", "script": "scripts",
		"locale": "i18n l10n locales translations localization languages"}
	named := false
	for _, n := range strings.Fields(names[role]) {
		if mask, _, _, _, _ := r.a.nameWords([]byte(n), false); mask != 0 {
			named = true
		}
	}
	r.roleNamed[role] = named
	return named
}

func isGeneratedPath(rel, base string) bool {
	return strings.HasSuffix(base, "_pb2.py") || strings.HasSuffix(base, "_pb2_grpc.py") || strings.HasSuffix(base, ".pb.go") ||
		strings.HasSuffix(base, ".min.js") || strings.HasSuffix(base, ".min.css") || strings.Contains(base, ".generated.") ||
		strings.HasSuffix(base, ".gen.go") || strings.HasSuffix(base, "_gen.go") || strings.HasSuffix(base, ".gen.ts") ||
		hasSegment(rel, "generated", "__generated__", "gen")
}

// isSchemaDump reports files that restate every table or type of the
// application: their CREATE TABLE and type definitions are not where a
// concept is implemented.
func isSchemaDump(rel string) bool {
	base := path.Base(rel)
	switch base {
	case "schema.graphql", "schema.gql", "structure.sql", "schema.rb", "schema.sql", "openapi.json", "openapi.yaml", "openapi.yml",
		"swagger.json", "swagger.yaml", "swagger.yml", "schema.prisma", "dump.sql":
		return true
	}
	return strings.HasSuffix(base, ".openapi.json") || strings.HasSuffix(base, ".openapi.yaml") || strings.HasSuffix(base, ".swagger.json")
}

func isLockFile(base string) bool {
	switch base {
	case "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "uv.lock", "Pipfile.lock", "Cargo.lock", "go.sum", "composer.lock", "Gemfile.lock", "bun.lockb", "flake.lock":
		return true
	}
	return false
}

// hasSegment reports whether a folder or the file name of rel is one of
// names. It runs several times for every file scored: no allocation.
func hasSegment(rel string, names ...string) bool {
	return hasDir(rel, names...) || slices.Contains(names, path.Base(rel))
}

// versionSegment matches the part of a path that tells versioned copies of
// the same code apart: v1, v2beta1, 2023-10-01, 1.2.3.
var versionSegment = lazyre.New(`(?i)(^|[/_.-])(v?\d+(?:\.\d+)+|v\d+[a-z0-9]*|\d{4}-\d{2}-\d{2})([/_.-]|$)`)

// dupKey is the same for files that are versioned copies of one another.
// Copies live in parallel versioned folders (sdk/v1/client.ts,
// sdk/v2/client.ts); files whose own names are versions inside one folder
// are a sequence (migrations/v0.4.0.go, v0.7.0.go; changelogs), each its
// own step, so only the folders are read for versions.
func dupKey(rel string) string {
	dir, base := path.Split(rel)
	if !mayHoldVersion(dir) {
		return rel
	}
	return versionSegment.ReplaceAllString(dir, "${1}*${3}") + base
}

// mayHoldVersion is false when versionSegment cannot match dir: each of
// its forms holds a digit then '.' then a digit (1.2), a v then a digit
// (v1), or a digit then '-' (2023-10-01). Most folders with digits have
// none of these (app0/, s3/, oauth2/), and the regexp, run on each of the
// best files, costs more than the rest of folding them.
func mayHoldVersion(dir string) bool {
	for i := 0; i+1 < len(dir); i++ {
		c, next := dir[i], dir[i+1]
		switch {
		case (c == 'v' || c == 'V') && isDigit(next),
			isDigit(c) && next == '-',
			isDigit(c) && next == '.' && i+2 < len(dir) && isDigit(dir[i+2]):
			return true
		}
	}
	return false
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
func round2(f float64) float64 { return math.Round(f*100) / 100 }

func trimFloat(f float32) string {
	return strconv.FormatFloat(math.Round(float64(f)*10)/10, 'f', -1, 64)
}

// Module results: in a per-module layout (<pkg>/<module>/{endpoints,
// service, repository, schemas, tasks}.py) the folder named after the
// concept is the answer, shown as one result with its files.
const (
	moduleCloseness  = 0.8 // how much a folder's name must be the concept
	moduleMinFiles   = 2
	moduleMaxFiles   = 80
	confidentMargin  = 0.6 // results within this share of the top score...
	confidentMinNorm = 1.2 // ...and at least this many W are confident
	// A file using the whole phrase in code is confident from this many W.
	confidentUsesNorm = 1.0
	maxFold           = 500 // copies are looked for among the best files only
)

// rank scores every file, folds copies, groups module folders, and builds
// the best p.limit results with their snippets (reading those few files
// again: only they need their lines).
func (p *plan) rank(r *ranker, facts []*fileFacts, files *fileReader) []FileResult {
	r.countDefiners(facts)
	all := r.scoreAll(facts)
	sort.Slice(all, func(i, j int) bool { return rankedBefore(&all[i], &all[j]) })
	p.weighHubs(r, all, files)
	r.weighParts(all)

	// Fold versioned and identical copies into the best of them.
	// A copy has the same path but for its version folders, or the same
	// name, size and content hash. The keys are a string and a struct,
	// not strings built a file at a time (3 allocations each).
	type contentKey struct {
		base string
		size int
		hash uint64
	}
	kept := make([]ranked, 0, len(all))
	dups := map[int][]string{}
	folds := min(len(all), maxFold) // grown a step at a time, the maps rehashed most of the time they took
	byPath := make(map[string]int, folds)
	byContent := make(map[contentKey]int, folds)
	for n, rk := range all {
		if n >= maxFold {
			kept = append(kept, rk) // far below what is shown
			continue
		}
		pk, ck := dupKey(rk.f.rel), contentKey{path.Base(rk.f.rel), rk.f.size, rk.f.hash}
		at, ok := byPath[pk]
		if !ok {
			at, ok = byContent[ck]
		}
		if ok {
			dups[at] = append(dups[at], rk.f.rel)
			continue
		}
		byPath[pk] = len(kept)
		byContent[ck] = len(kept)
		kept = append(kept, rk)
	}

	// Module folders.
	type module struct {
		dir     string
		members []int // indexes in kept, best first
	}
	var modules map[string]*module
	if p.roles == nil {
		modules = map[string]*module{}
		for i, rk := range kept {
			if demoted(rk.signals) {
				continue
			}
			dirs := strings.Split(path.Dir(rk.f.rel), "/")
			for k := len(dirs) - 1; k >= 0 && dirs[k] != "."; k-- {
				if r.moduleDirCloseness(dirs, k, rk.f.role) >= moduleCloseness {
					d := strings.Join(dirs[:k+1], "/")
					m := modules[d]
					if m == nil {
						m = &module{dir: d}
						modules[d] = m
					}
					m.members = append(m.members, i)
					break
				}
			}
		}
	}
	inModule := map[int]*module{}
	for _, m := range modules {
		if len(m.members) < moduleMinFiles || len(m.members) > moduleMaxFiles || !strings.Contains(m.dir, "/") && len(modules) == 1 && len(m.members) > len(kept)/2 {
			continue
		}
		for _, i := range m.members {
			inModule[i] = m
		}
	}

	// Candidates: each file outside a module, and each module once (at
	// its best file's score plus its name), ordered before any file is
	// read again for its snippets.
	type cand struct {
		i     int // index in kept of the file, or of the module's best file
		m     *module
		score float64
	}
	cands := make([]cand, 0, len(kept))
	shown := map[*module]bool{}
	for i := range kept {
		m := inModule[i]
		switch {
		case m == nil:
			cands = append(cands, cand{i: i, score: kept[i].score})
		case !shown[m]:
			shown[m] = true
			dirs := strings.Split(m.dir, "/")
			cands = append(cands, cand{i: i, m: m, score: kept[i].score + wModule*r.w*r.moduleDirCloseness(dirs, len(dirs)-1, kept[i].f.role)})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	var out []FileResult
	var top float64
	for _, c := range cands[:min(len(cands), p.limit)] {
		rk := r.score(kept[c.i].f, true)
		fr := p.result(r, &rk, files)
		fr.Duplicates = dups[c.i]
		if m := c.m; m != nil {
			best := fr
			sig := []Signal{{Name: "best-file", Value: round2(rk.score), Detail: "its best file " + best.Path}, {Name: "module", Value: round2(c.score - rk.score), Detail: fmt.Sprintf("folder %s/ is named after the concept and holds %s", m.dir, cli.Plural(len(m.members), "matching file", "matching files"))}}
			fr = FileResult{Path: m.dir + "/", Kind: "module", Role: "module", Signals: sig, Hits: best.Hits}
			for k := range fr.Hits {
				fr.Hits[k].Path = best.Path
			}
			for _, j := range m.members {
				mf := kept[j].f
				fr.Files = append(fr.Files, ModuleFile{Path: mf.rel, Role: mf.role, Score: round1(kept[j].score)})
			}
		}
		fr.Score = round1(c.score)
		fr.Reasons = reasons(fr.Signals)
		if len(out) == 0 {
			top = c.score
		}
		// Confident: close to the top and strong on its own, or (for a
		// concept of several words) source that uses the whole phrase in
		// code, however far below the module that defines it.
		fr.Confident = top > 0 && c.score >= confidentMargin*top && c.score/r.w >= confidentMinNorm ||
			len(r.c.Words) > 1 && r.phraseCode(kept[c.i].f) > 0 && !demoted(kept[c.i].signals) && c.score/r.w >= confidentUsesNorm
		out = append(out, fr)
	}
	return out
}

// parallelScoring is how many files make scoring worth a second
// goroutine (and a second analyzer, whose matchers cache as they go). A
// variable for the test that scores the small fixture on both.
var parallelScoring, scoringChunk = 128, 16

// scoreAll scores every file and returns those that score, in the order
// of facts. With two or more CPUs a second goroutine, on a ranker of its
// own, takes a chunk at a time, so both cores work after the walk: the
// ranking is the part of a search that was left on one.
func (r *ranker) scoreAll(facts []*fileFacts) []ranked {
	scored := make([]ranked, len(facts))
	var next atomic.Int64
	chunk := int64(scoringChunk)
	work := func(r *ranker) {
		for {
			from := int(next.Add(chunk) - chunk)
			if from >= len(facts) {
				return
			}
			for i := from; i < min(from+int(chunk), len(facts)); i++ {
				scored[i] = r.score(facts[i], false)
			}
		}
	}
	var wg sync.WaitGroup
	if len(facts) >= parallelScoring && runtime.GOMAXPROCS(0) > 1 {
		// Its own analyzer and caches; what it reads (the corpus, the
		// definers, the weights) is not written while it runs.
		helper := *r
		helper.dirQ, helper.roleNamed = map[dirKey]float64{}, map[string]bool{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			helper.a = newAnalyzer(r.c)
			work(&helper)
		}()
	}
	work(r)
	wg.Wait()
	all := scored[:0]
	for _, rk := range scored {
		if rk.score > 0 {
			all = append(all, rk)
		}
	}
	return all
}

// Hubs. A file that wires every subsystem together (a cmd/init.go that
// builds them all, a mailer with one function per kind of email, a
// settings file with one constant per feature) defines a name for many
// concepts, and each of those names would take definition credit from
// the module that implements the concept. What tells a hub from that
// module is the share of its definitions about the concept: few of many.
// The discount applies only when a file or folder named after the concept
// is among the best files, and only to files not so named: without a
// named one, a file's own definitions are the best evidence there is (a
// big tasks.py whose one dunning task is where dunning lives).
const (
	hubNamed     = 0.5  // how much a file or folder name must be the concept
	hubCheck     = 40   // best files checked; the rest cannot be first
	hubMinDefs   = 8    // a file defining fewer things is not a hub
	hubFullShare = 0.3  // from this share of definitions about the concept, no hub
	hubFloor     = 0.25 // the least a hub's definition credit keeps
	hubExact     = 0.9  // a definition this close to the concept is no hub's
)

// factor is what a file's definition credit keeps.
func (h hubShare) factor() float64 {
	if h.total < hubMinDefs {
		return 1
	}
	share := float64(h.about) / float64(h.total)
	return math.Max(hubFloor, math.Min(1, share/hubFullShare))
}

// weighHubs reads the best files again, counts their definitions and
// those about the concept (its words in the name, or inside a definition
// that holds them: the methods of class DistributedLock), rescores them
// and sorts all again. Only the few best files are read: counting every
// definition of every file would double the pass, and keeping counts per
// file would cost memory for files that are never near the top.
func (p *plan) weighHubs(r *ranker, all []ranked, files *fileReader) {
	r.hub = map[*fileFacts]hubShare{}
	best := all[:min(len(all), hubCheck)]
	named := false
	for n := range best {
		if best[n].named >= hubNamed && !demoted(best[n].signals) {
			named = true
		}
	}
	if !named {
		return
	}
	var todo []int // the files to weigh, as indexes in all
	for n := range best {
		f := all[n].f
		if len(f.defs) == 0 || all[n].named >= hubNamed {
			continue // no definition credit to weigh, or named itself
		}
		if !lang.Of(f.rel).HasDefinitions() {
			continue
		}
		todo = append(todo, n)
	}
	// Reading a file again and listing its definitions is most of the
	// work, and the files are independent: a second goroutine, with its
	// own buffers and analyzer, takes every other one, so that both cores
	// work after the walk. The shares are applied afterwards in order.
	shares := make([]hubShare, len(todo))
	weighed := make([]bool, len(todo))
	var next atomic.Int64
	weigh := func(a *analyzer, bufs *readBuffers) {
		for {
			k := int(next.Add(1) - 1)
			if k >= len(todo) {
				return
			}
			f := all[todo[k]].f
			data, err := files.read(walk.File{Rel: f.rel, Abs: filepath.Join(p.ws.Root, filepath.FromSlash(f.rel))}, bufs, p.maxSize)
			if err != nil {
				files.done(data)
				continue
			}
			defs := lang.Of(f.rel).Definitions(data)
			files.done(data)
			h := hubShare{total: len(defs)}
			// The definitions enclosing the current one, by indentation.
			var stack []int
			about := make([]bool, len(defs))
			for i, d := range defs {
				for len(stack) > 0 && defs[stack[len(stack)-1]].Indent >= d.Indent {
					stack = stack[:len(stack)-1]
				}
				if mask, _, _, _, _ := a.nameWords([]byte(d.Name), true); mask != 0 {
					about[i] = true
				} else if len(stack) > 0 {
					about[i] = about[stack[len(stack)-1]]
				}
				if about[i] {
					h.about++
				}
				stack = append(stack, i)
			}
			shares[k], weighed[k] = h, true
		}
	}
	var wg sync.WaitGroup
	if len(todo) > 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newAnalyzer(r.c)
			var bufs readBuffers
			weigh(&a, &bufs)
		}()
	}
	weigh(&r.a, &p.rereadBufs)
	wg.Wait()
	for k, n := range todo {
		if weighed[k] {
			r.hub[all[n].f] = shares[k]
			all[n] = r.score(all[n].f, false)
		}
	}
	sort.Slice(all, func(i, j int) bool { return rankedBefore(&all[i], &all[j]) })
}

// Parts. A file named after the whole concept and more
// (repository_meal_plan_rules.py for meal-planning: the rules of meal
// plans) is about a part of it; beside a file named exactly after the
// concept (controller_mealplan.py, role words dropped), the part comes
// after the whole, unless its other evidence is much stronger. Only for
// a concept of several words: one word and more (invoice_generator.py for
// invoice) is as often the implementation as a part.
const factorPart = 0.8

// weighParts finds, among the best files, one named exactly after the
// concept and, if there is one, rescores the files named after it and
// more, and sorts all again.
func (r *ranker) weighParts(all []ranked) {
	r.parts = nil
	if len(r.c.Words) < 2 {
		return
	}
	best := all[:min(len(all), hubCheck)]
	exact := false
	for n := range best {
		f := best[n].f
		if !demoted(best[n].signals) && lang.IsSource(f.rel) && r.exactName(fileStem(f.rel)) {
			exact = true
			break
		}
	}
	if !exact {
		return
	}
	r.parts = map[*fileFacts]bool{}
	for n := range best {
		f := best[n].f
		if demoted(best[n].signals) {
			continue
		}
		mask, words, covered, _, _ := r.a.nameWords([]byte(fileStem(f.rel)), false)
		if mask == r.a.nm.full && words > covered {
			r.parts[f] = true
			all[n] = r.score(f, false)
		}
	}
	if len(r.parts) > 0 {
		sort.Slice(all, func(i, j int) bool { return rankedBefore(&all[i], &all[j]) })
	}
}

func fileStem(rel string) string {
	base := path.Base(rel)
	return strings.TrimSuffix(base, path.Ext(base))
}

// demoted reports a file that is not source of the system (a test,
// generated, vendored, docs, front end): pushed down by half or more.
func demoted(signals []Signal) bool {
	for _, s := range signals {
		if s.Factor && s.Value <= 0.5 {
			return true
		}
	}
	return false
}

func rankedBefore(a, b *ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.central != b.central {
		return a.central > b.central // ties go to the file more files use
	}
	return a.f.rel < b.f.rel
}

// result builds a file's result with its snippets.
func (p *plan) result(r *ranker, rk *ranked, files *fileReader) FileResult {
	fr := FileResult{Path: rk.f.rel, Kind: "file", Role: rk.f.role, Signals: rk.signals, Hits: []Hit{}}
	data, err := files.read(walk.File{Rel: rk.f.rel, Abs: filepath.Join(p.ws.Root, filepath.FromSlash(rk.f.rel))}, &p.rereadBufs, p.maxSize)
	defer files.done(data)
	if err != nil {
		return fr // changed since the pass: the result stands without snippets
	}
	a := &analyzer{c: r.c, m: r.a.m, nm: r.a.nm, wantPicks: true, keywords: r.a.keywords, docs: r.a.docs}
	var ff fileFacts
	ok, s := a.analyze(rk.f.rel, data, &ff)
	if !ok {
		return fr
	}
	picks := append([]pick(nil), s.picks...)
	// The most telling definition first: the name closest to the
	// concept, then the most used elsewhere (class Locker before class
	// LockerError), unless the file is a schema dump.
	defQ := map[string]float64{}
	for _, d := range s.defs {
		defQ[d.name] = r.defCloseness(d)
	}
	dump := isSchemaDump(rk.f.rel)
	rankPick := func(pk pick) (int, float64, int) {
		if pk.kind == KindDefinition && !dump {
			return 0, -defQ[pk.def], -r.cp.uses[pk.def]
		}
		return 1 + pk.prio, 0, 0
	}
	sort.SliceStable(picks, func(i, j int) bool {
		ai, aq, au := rankPick(picks[i])
		bi, bq, bu := rankPick(picks[j])
		if ai != bi {
			return ai < bi
		}
		if aq != bq {
			return aq < bq
		}
		if au != bu {
			return au < bu
		}
		return picks[i].line < picks[j].line
	})
	picks = picks[:min(len(picks), maxSnippets)]
	fr.Hits = p.hits(a, data, picks, lang.Of(rk.f.rel))
	return fr
}

// reasons renders signals for --explain.
func reasons(signals []Signal) []string {
	out := make([]string, 0, len(signals))
	for _, s := range signals {
		if s.Factor {
			out = append(out, fmt.Sprintf("%s (×%g)", s.Detail, s.Value))
		} else {
			out = append(out, fmt.Sprintf("%s (+%g)", s.Detail, s.Value))
		}
	}
	return out
}

// rankEntries orders the handbook entries about the concept: those named
// after it or holding its phrase.
func rankEntries(r *ranker, entries []*fileFacts, limit int) []string {
	type scoredEntry struct {
		rel   string
		score float64
	}
	var list []scoredEntry
	for _, e := range entries {
		stem := strings.TrimSuffix(path.Base(e.rel), path.Ext(e.rel))
		named := r.nameCloseness(stem) >= moduleCloseness
		if !named && e.phrase == 0 {
			continue
		}
		list = append(list, scoredEntry{e.rel, r.score(e, false).score})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].score != list[j].score {
			return list[i].score > list[j].score
		}
		return list[i].rel < list[j].rel
	})
	var out []string
	for _, e := range list[:min(len(list), limit)] {
		out = append(out, e.rel)
	}
	return out
}
