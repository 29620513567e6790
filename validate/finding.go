package validate

import (
	"cmp"
	"slices"
)

// Severity is how bad a finding is. Errors fail the lint; warnings fail it
// only with --strict.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one problem at one place.
type Finding struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`   // 1-based
	Column   int      `json:"column"` // 1-based, in characters
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
}

// Rule ids. They are part of the interface: configuration, suppression
// comments and CI annotations name them.
const (
	RuleFrontmatterMissing    = "frontmatter-missing"
	RuleFrontmatterInvalid    = "frontmatter-invalid"
	RuleTitleMissing          = "title-missing"
	RuleDescriptionMissing    = "description-missing"
	RuleDescriptionLength     = "description-length"
	RuleFrontmatterUnknownKey = "frontmatter-unknown-key"
	RuleSummaryMissing        = "summary-missing"
	RuleSectionMissing        = "section-missing"
	RuleSectionOrder          = "section-order"
	RuleSectionEmpty          = "section-empty"
	RulePlaceholder           = "placeholder"
	RuleHeadingH1             = "heading-h1"
	RuleHeadingIncrement      = "heading-increment"
	RuleFilename              = "filename"
	RuleNavMissing            = "nav-missing"
	RuleNavDangling           = "nav-dangling"
	RuleNavInvalid            = "nav-invalid"
	RuleCodeFenceLanguage     = "code-fence-language"
	RuleEncoding              = "encoding"
	RuleSuppressionUnknown    = "suppression-unknown"
	RuleNestingDepth          = "nesting-depth"
	RuleEntrySize             = "entry-size"
	RuleRefMissing            = "ref-missing"
	RuleRefLines              = "ref-lines"
	RuleRefSymbol             = "ref-symbol"
	RuleRefDrift              = "ref-drift"
	RuleRefChanged            = "ref-changed"
)

// DefaultSeverity is every rule with its default severity.
var DefaultSeverity = map[string]Severity{
	RuleFrontmatterMissing:    SeverityError,
	RuleFrontmatterInvalid:    SeverityError,
	RuleTitleMissing:          SeverityError,
	RuleDescriptionMissing:    SeverityError,
	RuleDescriptionLength:     SeverityWarning,
	RuleFrontmatterUnknownKey: SeverityWarning,
	RuleSummaryMissing:        SeverityError,
	RuleSectionMissing:        SeverityError,
	RuleSectionOrder:          SeverityError,
	RuleSectionEmpty:          SeverityError,
	RulePlaceholder:           SeverityError,
	RuleHeadingH1:             SeverityError,
	RuleHeadingIncrement:      SeverityWarning,
	RuleFilename:              SeverityError,
	RuleNavMissing:            SeverityError,
	RuleNavDangling:           SeverityError,
	RuleNavInvalid:            SeverityError,
	RuleCodeFenceLanguage:     SeverityWarning,
	RuleEncoding:              SeverityError,
	RuleSuppressionUnknown:    SeverityWarning,
	RuleNestingDepth:          SeverityError,
	RuleEntrySize:             SeverityError,
	RuleRefMissing:            SeverityError,
	RuleRefLines:              SeverityError,
	RuleRefSymbol:             SeverityError,
	RuleRefDrift:              SeverityWarning,
	// ref-changed is reported only with --changed-since.
	RuleRefChanged: SeverityWarning,
}

// SortFindings orders findings by path, line, column, then rule.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Rule, b.Rule))
	})
}
