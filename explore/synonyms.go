package explore

import (
	"slices"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

// synonymGroups are spellings backend code uses for the same thing: common
// abbreviations, acronyms and near-synonyms. A group entry of several words
// ("time to live") stands for the whole concept; a one-word entry for one
// word of it. Teams add their own in .handbook.yaml (explore.synonyms),
// which are tried first.
var synonymGroups = [][]string{
	{"i18n", "internationalization", "internationalisation", "translation", "locale"},
	{"l10n", "localization", "localisation"},
	{"a11y", "accessibility"},
	{"config", "configuration", "cfg", "conf", "settings"},
	{"transaction", "txn", "tx"},
	{"message", "msg"},
	{"repository", "repo"},
	{"ttl", "time to live", "expiry", "expiration"},
	{"acl", "access control list"},
	{"rbac", "role based access control", "roles", "permissions"},
	{"authentication", "authn", "auth", "login"},
	{"authorization", "authz", "permission", "auth"},
	{"oauth", "open authorization"},
	{"jwt", "json web token"},
	{"otp", "one time password"},
	{"mfa", "multi factor authentication", "2fa", "two factor authentication"},
	{"sso", "single sign on"},
	{"csrf", "cross site request forgery", "xsrf"},
	{"cors", "cross origin resource sharing"},
	{"dlq", "dead letter queue"},
	{"db", "database"},
	{"env", "environment"},
	{"err", "error"},
	{"req", "request"},
	{"res", "resp", "response"},
	{"ctx", "context"},
	{"admin", "administrator", "backoffice"},
	{"org", "organization", "organisation"},
	{"pwd", "password", "passwd"},
	{"id", "identifier"},
	{"idempotency", "idempotent", "idempotence"},
	{"pubsub", "publish subscribe"},
	{"cron", "schedule", "scheduler", "periodic"},
	{"rate limit", "throttle"},
	{"retry", "backoff"},
	{"webhook", "callback"},
	{"email", "mail", "smtp"},
	{"notification", "notify"},
	{"queue", "broker"},
	{"cache", "memoize", "memoization"},
	{"lock", "mutex"},
	{"payment", "charge"},
	{"sdk", "software development kit"},
	{"api", "application programming interface"},
	{"url", "uri", "link"},
	{"dto", "data transfer object"},
	{"orm", "object relational mapping"},
	{"stats", "statistics", "metrics"},
	{"temp", "tmp", "temporary"},
	{"util", "utils", "utility", "helpers"},
	{"copy", "clone", "duplicate"},
	{"thumbnail", "thumb"},
	{"content type", "mime", "mimetype", "mime type"},
	{"sign in", "signin", "login", "log in"},
	{"sign up", "signup", "register", "registration"},
	{"passkey", "webauthn"},
	{"sanitize", "sanitise", "purify", "purifier"},
	{"delete", "destroy", "remove"},
	{"trash", "recycle bin"},
	{"data access layer", "dal", "repositories", "repos"},
	// Whole phrases for whole phrases: matched in names word after word.
	{"update check", "version check", "release check", "upgrade check"},
}

// maxExpansions bounds the extra spellings a concept searches for: each
// costs matching time on every file.
const maxExpansions = 6

// expansion is a spelling to add: for word (or wordPhrase), and whether
// it may cost a scan of its own.
type expansion struct {
	word int
	text string
	paid bool
	// spelling is another spelling of the same word (favourite for
	// favorite): no synonym, so it keeps the word's full weight.
	spelling bool
}

// expand adds the synonyms, abbreviations and initials of the concept's
// words and of the whole concept. The scan looks for two spellings a pass
// over each file, so built-in synonyms of single words only fill a free
// place in the last pass; spellings of the whole concept (its initials,
// its acronym) and the team's own synonyms may cost a pass.
func (c *Concept) expand(extra [][]string) {
	var cands []expansion
	phrase := strings.Join(c.Words, " ")
	full := strings.Join(c.all, " ")
	// Initials of a longer name (access-control-list → acl), small words
	// included; two letters say too little.
	if len(c.all) >= 3 {
		var b strings.Builder
		for _, w := range c.all {
			b.WriteByte(w[0])
		}
		cands = append(cands, expansion{word: wordPhrase, text: b.String(), paid: true})
	}
	// British and American spellings of a word are the same word.
	for i, w := range c.Words {
		for _, v := range spellingVariants(w) {
			cands = append(cands, expansion{word: i, text: v, paid: true, spelling: true})
		}
	}
	phraseStems := stemmed(phrase) // the same for every member compared
	for k, groups := range [][][]string{extra, synonymGroups} {
		team := k == 0
		for _, g := range groups {
			// The whole concept is in the group: every one-word member
			// stands for all of it (ttl for time-to-live).
			inGroup := false
			for _, m := range g {
				if m = strings.Join(splitWords(m), " "); m == phrase || m == full || mayShareStem(m, phrase) && stemmed(m) == phraseStems {
					inGroup = true
				}
			}
			if inGroup && len(c.Words) > 1 {
				for _, m := range g {
					cands = append(cands, expansion{word: wordPhrase, text: m, paid: true})
					c.addPhrase(m, phraseStems)
				}
				continue
			}
			// A word of the concept is in the group: its one-word
			// members stand for that word.
			for i, w := range c.Words {
				member := false
				for _, m := range g {
					if m == w || c.terms[i].stem != "" && mayShareStem(m, w) && izeForm(m) == c.terms[i].ize && stem(m) == c.terms[i].stem {
						member = true
					}
				}
				if member {
					for _, m := range g {
						if m != w {
							cands = append(cands, expansion{word: i, text: m, paid: team})
						}
						if len(c.Words) == 1 {
							// The word is the whole concept: a member in
							// several words stands for it (rate limit
							// for throttle).
							c.addPhrase(m, phraseStems)
						}
					}
				}
			}
		}
	}
	free := len(c.Words) % 2 // a free place in the last pass
	added := 0
	var names []term
	for _, e := range cands {
		t, ok := c.expansion(e.word, e.text, names)
		t.syn = t.syn && !e.spelling
		if !ok || added+len(names) >= 4*maxExpansions {
			continue
		}
		if added >= maxExpansions || !e.paid && free == 0 {
			names = append(names, t) // too costly for content: names only
			continue
		}
		c.terms = append(c.terms, t)
		added++
		if !e.paid {
			free--
		} else {
			free = (free + 1) % 2 // a paid needle opens a pass with a place left, or fills it
		}
	}
	c.nameTerms = append(append([]term{}, c.terms...), names...)
}

// maxPhrases bounds the synonyms in several words a concept keeps: each
// is compared with every name.
const maxPhrases = 8

// addPhrase keeps a synonym group's member of two words or more (small
// words left out) as a phrase standing for the whole concept, unless it
// is the concept itself by its stems.
func (c *Concept) addPhrase(member, conceptStems string) {
	var words []string
	for _, w := range splitWords(member) {
		if !stopWord(w) {
			words = append(words, w)
		}
	}
	if len(words) < 2 || len(c.phrases) >= maxPhrases || stemmed(strings.Join(words, " ")) == conceptStems {
		return
	}
	for _, p := range c.phrases {
		if len(p) == len(words) && slices.EqualFunc(p, words, func(t term, w string) bool { return t.text == w }) {
			return
		}
	}
	p := make([]term, len(words))
	for i, w := range words {
		p[i] = newTerm(wordPhrase, w, true)
	}
	c.phrases = append(c.phrases, p)
}

// expansion builds the term of one spelling; ok is false for a phrase, a
// spelling already searched, or one a term already accepts (throttling for
// throttle): those would cost a scan for nothing.
func (c *Concept) expansion(word int, text string, more []term) (term, bool) {
	words := splitWords(text)
	if len(words) != 1 {
		return term{}, false
	}
	w := words[0]
	for _, list := range [][]term{c.terms, more} {
		for i := range list {
			t := &list[i]
			if t.text == w || hasPrefixFold([]byte(w), []byte(t.root)) && t.accepts(w, w[len(t.root):]) {
				return term{}, false
			}
		}
	}
	t := newTerm(word, w, true)
	if len(w) <= 4 {
		t.exact, t.root, t.suffixes = true, w, []string{"", "s"}
	}
	return t, true
}

// stemmed is a phrase with each word stemmed: a group's "rate limit"
// stands for rate-limiting too.
func stemmed(phrase string) string {
	words := strings.Fields(phrase)
	for i, w := range words {
		words[i] = stem(w)
	}
	return strings.Join(words, " ")
}

// stems remembers the stems of the words a concept was compared with:
// parsing one compares it with every member of every synonym group, which
// cost 0.5 ms a parse in the stemmer (a long-lived process such as the
// MCP server parses a concept a call), and the members are the same every
// time.
var stems struct {
	sync.Mutex
	m map[string]string
}

// stem is english.Stem, remembered (up to maxStems words).
func stem(w string) string {
	stems.Lock()
	s, ok := stems.m[w]
	stems.Unlock()
	if ok {
		return s
	}
	s = english.Stem(w, false)
	stems.Lock()
	if stems.m == nil || len(stems.m) >= maxStems {
		stems.m = map[string]string{}
	}
	stems.m[w] = s
	stems.Unlock()
	return s
}

const maxStems = 4096

// mayShareStem is false when two lower-case words cannot have the same
// stem: the English stemmer changes only a word's end (and drops a
// leading apostrophe), so stems that are equal start with the same
// letter. Most synonym members are then never stemmed.
// TestMayShareStem checks it on every pair of members.
func mayShareStem(a, b string) bool {
	return a == "" || b == "" || a[0] == b[0] || !isLower(a[0]) || !isLower(b[0])
}

// spellingRoots are words British and American English spell apart, by
// their roots: a word starting with one side's root is also searched with
// the other's (favorites, favourites; licensed, licenced).
var spellingRoots = [][2]string{
	{"favor", "favour"}, {"color", "colour"}, {"behavior", "behaviour"}, {"honor", "honour"}, {"labor", "labour"},
	{"neighbor", "neighbour"}, {"flavor", "flavour"}, {"humor", "humour"}, {"rumor", "rumour"}, {"armor", "armour"},
	{"harbor", "harbour"}, {"endeavor", "endeavour"}, {"vapor", "vapour"},
	{"center", "centre"}, {"theater", "theatre"}, {"fiber", "fibre"}, {"liter", "litre"},
	{"license", "licence"}, {"defense", "defence"}, {"offense", "offence"}, {"pretense", "pretence"},
	{"catalog", "catalogue"}, {"dialog", "dialogue"}, {"analog", "analogue"},
	{"gray", "grey"}, {"canceled", "cancelled"}, {"canceling", "cancelling"}, {"modeling", "modelling"},
	{"labeled", "labelled"}, {"labeling", "labelling"}, {"traveled", "travelled"}, {"enroll", "enrol"},
	{"fulfill", "fulfil"}, {"judgment", "judgement"}, {"aging", "ageing"}, {"artifact", "artefact"},
	{"analyz", "analys"}, {"paralyz", "paralys"}, {"catalyz", "catalys"},
}

// spellingVariants returns the other spellings of a word: the roots
// above, and -ize/-ise (organization, organisation; authorize, authorise).
func spellingVariants(w string) []string {
	var out []string
	for _, p := range spellingRoots {
		for k := 0; k < 2; k++ {
			from, to := p[k], p[1-k]
			if strings.HasPrefix(w, from) && !strings.HasPrefix(w, to) {
				out = append(out, to+w[len(from):])
			}
		}
	}
	// -iz-/-is- before the endings that make a verb or its noun, after
	// at least four letters (size and wise stay as they are); verbs only
	// spelt -ise (advise, exercise, surprise, compromise, advertise) keep
	// it; a noun in -isation always has an -ization spelling.
	for _, swap := range [][2]string{{"iz", "is"}, {"is", "iz"}} {
		for _, end := range izeEndings {
			e := swap[0] + end
			if strings.HasSuffix(w, e) && len(w)-len(e) >= 4 && (swap[0] == "iz" || strings.HasPrefix(end, "ation") || !iseOnly(w)) {
				out = append(out, w[:len(w)-len(e)]+swap[1]+end)
				break
			}
		}
	}
	return out
}

// izeEndings follow -iz- or -is- in a verb or its noun.
var izeEndings = []string{"ation", "ations", "e", "es", "ed", "ing", "er", "ers"}

// iseOnly reports a word of a verb English spells -ise only.
func iseOnly(w string) bool {
	return hasAnySuffix(w, []string{"wise", "cise", "prise", "vise", "mise", "rtise"})
}
