package explore

import (
	"strings"

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
	{"rate limit", "throttle", "throttling", "ratelimit"},
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
}

// maxExpansions bounds the extra spellings a concept searches for: each
// costs matching time on every file.
const maxExpansions = 6

// expand adds the synonyms, abbreviations and initials of the concept's
// words and of the whole concept.
func (c *Concept) expand(extra [][]string) {
	added := 0
	has := func(text string) bool {
		for _, t := range c.terms {
			if t.text == text {
				return true
			}
		}
		return false
	}
	add := func(word int, text string) {
		if added >= maxExpansions || has(text) {
			return
		}
		words := splitWords(text)
		if len(words) != 1 {
			return // a phrase stands for the concept only as its initials
		}
		t := newTerm(word, words[0], true)
		if len(words[0]) <= 4 {
			t.exact, t.root, t.suffixes = true, words[0], []string{"", "s"}
		}
		c.terms = append(c.terms, t)
		added++
	}
	phrase := strings.Join(c.Words, " ")
	full := strings.Join(c.all, " ")
	groups := append(append([][]string{}, extra...), synonymGroups...)
	for _, g := range groups {
		// The whole concept is in the group: every one-word member
		// stands for all of it (ttl for time-to-live).
		inGroup := false
		for _, m := range g {
			if m = strings.Join(splitWords(m), " "); m == phrase || m == full {
				inGroup = true
			}
		}
		if inGroup && len(c.Words) > 1 {
			for _, m := range g {
				add(wordPhrase, m)
			}
			continue
		}
		// A word of the concept is in the group: its one-word members
		// stand for that word.
		for i, w := range c.Words {
			member := false
			for _, m := range g {
				if m == w || c.terms[i].stem != "" && english.Stem(m, false) == c.terms[i].stem {
					member = true
				}
			}
			if member {
				for _, m := range g {
					if m != w {
						add(i, m)
					}
				}
			}
		}
	}
	// Initials of a longer name (access-control-list → acl), small words
	// included; two letters say too little.
	if len(c.all) >= 3 {
		var b strings.Builder
		for _, w := range c.all {
			b.WriteByte(w[0])
		}
		if !has(b.String()) && added < maxExpansions {
			t := newTerm(wordPhrase, b.String(), true)
			t.exact, t.root, t.suffixes = true, b.String(), []string{"", "s"}
			c.terms = append(c.terms, t)
		}
	}
}
