// Package validate implements `handbook lint`: it checks backend-development
// entries against the entry template and the docs.json navigation.
//
// An entry is parsed once into a Document (Parse): MDX-only regions (JSX
// blocks, {/* comments */}, import/export lines) are blanked in a copy that
// keeps every offset, goldmark parses the blocks of that copy, and the
// model keeps positions in the original file. Rules run over the model and
// yield Findings, which a Printer writes as text, JSON or GitHub annotations.
//
// The reference rules (refs.go, refindex.go, refcheck.go, drift.go) read
// what an entry cites from the same model — paths, lines, symbols, imports —
// resolve it against the files git lists (workspace/walk) and the
// definitions workspace/lang finds, and compare the entry's git history with
// the code's (workspace/githistory, read once per run for all entries).
// status.go turns the same data into one row per entry (EntriesStatus).
//
// Other features reuse the model: Parse gives each `##` section with its
// matched template heading and byte ranges; File lints one entry in memory.
package validate
