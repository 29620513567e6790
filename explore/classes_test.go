package explore

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// classes is a repository with one small case of each class of miss that
// issue 9 found on real backends (see testdata/classes): non-source files
// that outranked code, a common last word, a helper that beat the module
// named after the concept, abbreviations, capped scores and module
// folders.
const classes = "testdata/classes"

func TestFailureClasses(t *testing.T) {
	for _, tc := range []struct {
		class, concept, first string
		// below must rank below first, or not at all.
		below []string
	}{
		{"non-source files and the rare first word", "notification-dispatch", "server/shop/notification/dispatch.py", []string{
			"clients/api_client/notifications_api.py",                     // linguist-generated in the root .gitattributes
			"docs/notification_dispatch_example.py",                       // linguist-documentation in docs/.gitattributes
			"spec/models/notification_dispatch_spec.rb",                   // a Ruby spec
			"db/migrate/20240101000000_create_notification_dispatches.rb", // a Rails migration
			"server/load_tests/scenarios/notification_dispatch.py",        // a load test
			"clients/web/src/NotificationDispatch.tsx",                    // front end, for a backend handbook
			"server/schema.graphql",                                       // a schema dump
			"server/shop/billing/events.py",                               // "dispatch" alone, many times
		}},
		{"helper definitions against the module named after the concept", "retry-policy", "server/shop/kit/retry_policy.py", []string{"server/shop/kit/jobs.py"}},
		{"a real stemmer", "fulfillment", "server/shop/kit/fulfil.py", nil},
		{"a real stemmer, another word of the family", "currency-conversion", "server/shop/billing/currency.py", []string{"clients/sdk/v1/currencyConversion.ts", "clients/sdk/v2/currencyConversion.ts"}},
		{"initials", "time-to-live", "internal/cache/ttl.go", nil},
		{"abbreviations", "configuration", "server/shop/kit/cfg.py", nil},
		{"saturating, not capped", "invoice", "server/shop/billing/ledger.py", []string{"server/shop/kit/printing.py"}},
		{"module view", "checkout-links", "server/shop/checkout_link/", []string{"server/shop/models/checkout_link.py", "server/shop/checkout_link/service.py"}},
		{"initials of a multi-word name", "csp", "server/shop/web/content_security_policy.py", []string{"server/shop/web/headers.py"}},
		{"words run together in a name", "flapping-notices", "server/shop/commands/sendflappingnotices.py", nil},
		{"a hub that builds every subsystem against the folder named after the concept", "sms-messenger", "server/shop/messenger/sms/sender.py", []string{"server/shop/app/init.py"}},
		{"a big module whose one task is the concept, and nothing named after it", "refund-reminders", "server/shop/billing/tasks.py", []string{"server/shop/billing/texts.py"}},
		{"a singular migration/ folder (Flyway's db/migration, Go's store/migration) holds migrations", "memo-reactions", "internal/api/reaction_service.go", []string{"internal/store/migration/sqlite/0.22/00__memo_reaction.sql", "internal/store/migration/postgres/0.22/00__memo_reaction.sql"}},
		{"files named by versions in one folder are a sequence, not copies", "schema-migrations", "mailer/internal/migrations/", []string{"mailer/cmd/install.go"}},
		{"an Nx monorepo: the API under apps/ is backend, the component library under libs/ front end", "payout-batching", "nx/apps/api/src/app/payout-batching/payout-batching.service.ts", []string{"nx/libs/ui/src/lib/payout-batching/payout-batching.component.ts"}},
		{"type declarations named after the concept against the implementation", "payout-schedule", "nx/apps/api/src/services/payouts.service.ts", []string{"nx/libs/common/src/lib/interfaces/payout-schedule.interface.ts"}},
		{"Laravel's resources/ is front end", "bookmark-folders", "laravel/app/Library/FolderOrganizer.php", []string{"laravel/resources/views/bookmark-folders/index.blade.php", "laravel/resources/js/components/bookmark-folders.js"}},
		{"the primary controller before its API twin", "report-export", "laravel/app/Reports/Controllers/ReportExportController.php", []string{"laravel/app/Reports/Controllers/ReportExportApiController.php"}},
		{"the implementation before its exception", "statement-export", "laravel/app/Statements/Tools/CsvWriter.php", []string{"laravel/app/Exceptions/StatementExportException.php"}},
		{"British and American spellings", "colors", "laravel/app/Theming/Colour.php", []string{"laravel/app/Theming/ThemeService.php"}},
		{"a concept word that is a keyword of the language (import, export)", "payout-import", "nx/apps/api/src/app/import/import.service.ts", []string{"nx/apps/api/src/app/payout/payout.service.ts"}},
		{"a long word's first letters in a name", "prometheus-metrics", "server/shop/metrics/prom.py", []string{"server/shop/metrics/counters.py"}},
		{"an Angular app's services are front end, whatever their names say", "coupon-search", "ngapp/API/Services/CouponSearchService.cs", []string{"ngapp/UI/Web/src/app/_services/coupon-search.service.ts"}},
		{"ORM models beside a repository layer map tables; the logic is elsewhere", "loyalty-points", "layered/app/routes/controller_loyalty_points.py", []string{"layered/app/db/models/loyalty_points.py"}},
		{"a repos/ folder is the data access layer", "data-access-layer", "layered/app/repos/", []string{"layered/app/core/layers.py"}},
		{"files that are not code: a licence, dotfiles, hosting configuration, a locale catalogue", "tamper-protection", "server/shop/kit/signing.py", []string{"LICENSE", ".pylintrc", "netlify.toml", "server/shop/assets/langs/ga.json"}},
		{"data shapes before behaviour in a backend layered by kind (C# DTOs, interfaces, enums)", "voucher-redemption", "layered/API/Services/VoucherService.cs", []string{"layered/API/DTOs/Vouchers/VoucherRedemptionDto.cs", "layered/API/Entities/Interfaces/IVoucherRedemption.cs", "layered/API/Entities/Enums/VoucherRedemptionState.cs"}},
		{"a hook every controller overrides (def plugins) is the base's, not each override's", "export-plugins", "layered/app/routes/_base/plugins.py", []string{"layered/app/routes/controller_coupons.py", "layered/app/routes/controller_payouts.py"}},
		{"a folder named for a kind of thing (Converters/) is not the concept: its files are one of that kind each", "pdf-conversion", "layered/API/Services/DocumentConversionService.cs", []string{"layered/API/Helpers/Converters/DateConverter.cs"}},
		{"data shapes before behaviour in a backend layered by kind (pydantic schema/)", "gift-cards", "layered/app/services/gift_cards.py", []string{"layered/app/schema/gift_card/gift_card.py"}},
		{"a module named exactly after the concept is as strong as a definition, though it defines other names", "stock-reservation", "server/shop/inventory/stock_reservation.py", []string{"server/shop/inventory/warehouse.py"}},
		{"a synonym of the whole concept in several words names a file (version_checker for update-check)", "update-check", "layered/app/core/version_checker.py", []string{"layered/app/services/wallet_updates.py"}},
		{"a class named otherwise whose docstring says it is the concept (Python)", "audit-trail", "layered/app/core/recorder.py", []string{"layered/app/routes/controller_audits.py"}},
		{"a word made with -ize is not the word it was made from (categorization is no category)", "categorization", "rails/app/models/expense/auto_categorizer.rb", []string{"rails/app/models/category.rb"}},
		{"a layer word between a module and its part (receipt_service_storage.go) says where the file is, not what it is about", "receipt-storage", "mailer/internal/api/receipt_service_storage.go", []string{"mailer/internal/store/receipt.go"}},
		{"a file named exactly after the concept before one named after it and more (a part of it), across layers", "price-alerts", "layered/app/routes/controller_pricealert.py", []string{"layered/app/repos/repository_price_alert_rules.py"}},
		{"a private helper whose name holds the phrase (_pre_update_check) against the module named after the concept", "update-check", "layered/app/core/version_checker.py", []string{"layered/app/services/basket_service.py"}},
		{"a class named otherwise whose doc comment above it says it is the concept (C#)", "fuzzy-matching", "layered/API/Comparators/TitleComparer.cs", []string{"layered/API/Services/MatchingService.cs"}},
		{"the concept's words reversed (badgeContent, the content of a badge) where no file says them in its order are another compound", "content-badges", "laravel/app/Activity/BadgeRepo.php", []string{"laravel/app/Entities/Tools/PageEmbedBadge.php"}},
	} {
		t.Run(tc.concept, func(t *testing.T) {
			res := search(t, Options{Root: classes, Concept: tc.concept, Limit: 20})
			got := paths(res)
			if len(got) == 0 || got[0] != tc.first {
				t.Fatalf("%s: results %v, want %s first", tc.class, got, tc.first)
			}
			for _, b := range tc.below {
				if i := indexOf(got, b); i == 0 {
					t.Errorf("%s: %s is first", tc.class, b)
				}
			}
		})
	}
}

// TestNonSourceSignals checks that each non-source file says why it is
// down, and that a schema dump takes no definition credit.
func TestNonSourceSignals(t *testing.T) {
	res := search(t, Options{Root: classes, Concept: "notification-dispatch", Limit: 20})
	want := map[string]string{
		"clients/api_client/notifications_api.py":                     "generated",
		"docs/notification_dispatch_example.py":                       "documentation",
		"spec/models/notification_dispatch_spec.rb":                   "test",
		"db/migrate/20240101000000_create_notification_dispatches.rb": "migration",
		"server/load_tests/scenarios/notification_dispatch.py":        "test",
		"clients/web/src/NotificationDispatch.tsx":                    "frontend",
		"server/schema.graphql":                                       "schema-dump",
	}
	for _, r := range res.Results {
		name, ok := want[r.Path]
		if !ok {
			continue
		}
		delete(want, r.Path)
		var found bool
		for _, s := range r.Signals {
			if s.Name == name && s.Factor && s.Value < 1 {
				found = true
			}
			if r.Path == "server/schema.graphql" && s.Name == "definition" {
				t.Errorf("the schema dump takes definition credit: %+v", s)
			}
		}
		if !found {
			t.Errorf("%s: signals %+v, want the %s factor", r.Path, r.Signals, name)
		}
	}
	for p := range want {
		t.Errorf("%s is not among the results", p)
	}
}

// TestVersionedCopiesFold: versioned copies of a generated client are one
// result, the others listed as its duplicates.
func TestVersionedCopiesFold(t *testing.T) {
	res := search(t, Options{Root: classes, Concept: "currency-conversion", Limit: 20})
	got := paths(res)
	v1, v2 := indexOf(got, "clients/sdk/v1/currencyConversion.ts"), indexOf(got, "clients/sdk/v2/currencyConversion.ts")
	if (v1 < 0) == (v2 < 0) {
		t.Fatalf("results %v: want exactly one of the two copies", got)
	}
	kept := res.Results[max(v1, v2)]
	if len(kept.Duplicates) != 1 || !strings.HasPrefix(kept.Duplicates[0], "clients/sdk/v") {
		t.Errorf("duplicates %v, want the other copy", kept.Duplicates)
	}
}

// TestVersionedSequenceKept: files whose names are versions inside one
// folder (migrations/v0.4.0.go, v0.7.0.go) are steps of a sequence, each
// its own file, not copies folded into one.
func TestVersionedSequenceKept(t *testing.T) {
	res := search(t, Options{Root: classes, Concept: "schema-migrations", Limit: 20})
	var files []string
	for _, r := range res.Results {
		if r.Path == "mailer/internal/migrations/" {
			for _, f := range r.Files {
				files = append(files, f.Path)
			}
		}
		if len(r.Duplicates) > 0 {
			t.Errorf("%s folds %v", r.Path, r.Duplicates)
		}
	}
	for _, v := range []string{"v0.4.0.go", "v0.7.0.go", "v1.0.0.go"} {
		if indexOf(files, "mailer/internal/migrations/"+v) < 0 {
			t.Errorf("module files %v: want %s among them", files, v)
		}
	}
}

// TestModuleResult: the module folder lists its files with their roles,
// and its snippets say which file they come from.
func TestModuleResult(t *testing.T) {
	res := search(t, Options{Root: classes, Concept: "checkout-links"})
	m := res.Results[0]
	if m.Kind != "module" || m.Path != "server/shop/checkout_link/" {
		t.Fatalf("first result %s (%s), want the module folder", m.Path, m.Kind)
	}
	roles := map[string]string{}
	for _, f := range m.Files {
		roles[f.Path] = f.Role
	}
	if roles["server/shop/checkout_link/service.py"] != "service" || roles["server/shop/checkout_link/endpoints.py"] != "endpoint" {
		t.Errorf("module files %+v", m.Files)
	}
	if len(m.Hits) == 0 || !strings.HasPrefix(m.Hits[0].Path, "server/shop/checkout_link/") {
		t.Errorf("module hits %+v, want each with the file it comes from", m.Hits)
	}
	// Printed, the snippets link to and are fenced as that file.
	var md, txt bytes.Buffer
	WriteMarkdown(&md, &Result{Results: res.Results[:1]}, false, nil)
	if !strings.Contains(md.String(), "](server/shop/checkout_link/service.py#L") || !strings.Contains(md.String(), "```python") {
		t.Errorf("markdown of a module:\n%s", md.String())
	}
	WriteText(&txt, &Result{Results: res.Results[:1], Matched: 3}, false, false)
	if !strings.Contains(txt.String(), "files: service.py (service)") || strings.Contains(txt.String(), "more; see --limit") {
		t.Errorf("text of a module:\n%s", txt.String())
	}
}

// TestMostTellingDefinitionFirst: the first snippet is the definition
// whose name is closest to the concept and most used elsewhere (class
// Locker, not class LockerError, which comes first in the file), with its
// docstring.
func TestMostTellingDefinitionFirst(t *testing.T) {
	res := search(t, Options{Root: classes, Concept: "lock"})
	for _, r := range res.Results {
		if r.Path != "server/shop/retry/locker.py" {
			continue
		}
		h := r.Hits[0]
		if h.Text != "class Locker:" {
			t.Fatalf("first snippet %q, want class Locker:", h.Text)
		}
		if len(h.ContextAfter) == 0 || !strings.Contains(h.ContextAfter[0], "Hands out locks") {
			t.Errorf("context after %q, want the docstring", h.ContextAfter)
		}
		return
	}
	t.Fatal("locker.py not found")
}

// TestAudience: front-end code ranks below backend code for a backend
// handbook (the default), alike with explore.audience: all; and the
// team's synonyms count.
func TestAudience(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, content string) { writeRel(t, dir, rel, content) }
	write(".git/HEAD", "ref: refs/heads/main\n")
	write("server/payouts.py", "def payout():\n    pass\n")
	write("clients/web/src/Payouts.tsx", "export const Payouts = () => payout()\n")
	write("server/withdrawal.py", "class Withdrawal:\n    pass\n")
	factor := func(res *Result, path string) bool {
		for _, r := range res.Results {
			if r.Path == path {
				for _, s := range r.Signals {
					if s.Name == "frontend" {
						return true
					}
				}
			}
		}
		return false
	}
	res := search(t, Options{Root: dir, Concept: "payouts"})
	if !factor(res, "clients/web/src/Payouts.tsx") || indexOf(paths(res), "server/withdrawal.py") >= 0 {
		t.Errorf("backend audience: %v, want the front end demoted and no withdrawal", paths(res))
	}
	write(".handbook.yaml", "explore:\n  audience: all\n  synonyms:\n    - [payout, withdrawal]\n")
	res = search(t, Options{Root: dir, Concept: "payouts"})
	if factor(res, "clients/web/src/Payouts.tsx") || indexOf(paths(res), "server/withdrawal.py") < 0 {
		t.Errorf("audience all with a synonym: %v, want the front end not demoted and withdrawal.py found", paths(res))
	}
}

// TestHubFactor checks how much definition credit a file keeps by the share
// of its definitions about the concept.
func TestHubFactor(t *testing.T) {
	for _, tc := range []struct {
		about, total int
		want         float64
	}{
		{1, 4, 1},     // too few definitions to be a hub
		{3, 10, 1},    // 30% about the concept: a module
		{3, 20, 0.5},  // 15%
		{1, 43, 0.25}, // a cmd/init.go: the floor
		{40, 43, 1},   // a big module about the concept
	} {
		if got := (hubShare{tc.about, tc.total}).factor(); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%d of %d definitions: factor %v, want %v", tc.about, tc.total, got, tc.want)
		}
	}
}

// TestSchemaDumpNamedAfterTheConcept: a concept about the schema itself
// wants the schema dump, which is otherwise no place for a concept.
func TestSchemaDumpNamedAfterTheConcept(t *testing.T) {
	res := search(t, Options{Root: classes, Concept: "database-schema", Paths: []string{classes + "/prisma", classes + "/server"}})
	got := paths(res)
	if len(got) == 0 || got[0] != "prisma/schema.prisma" {
		t.Fatalf("results %v, want prisma/schema.prisma first", got)
	}
}

// TestFrameworkVocabulary: a framework's migrations folder (alembic/) is
// what a concept about migrations means though its name says otherwise,
// and a repos/ folder is the data access layer.
func TestFrameworkVocabulary(t *testing.T) {
	got := paths(search(t, Options{Root: classes, Concept: "database-migrations", Limit: 10}))
	if a, d := indexOf(got, "layered/alembic/"), indexOf(got, "layered/app/core/db.py"); a < 0 || d >= 0 && d < a {
		t.Errorf("database-migrations: %v, want layered/alembic/ above layered/app/core/db.py", got)
	}
	got = paths(search(t, Options{Root: classes, Concept: "gift-cards", Limit: 10}))
	if i := indexOf(got, "layered/API.Tests/Services/GiftCardServiceTest.cs"); i >= 0 && i < 3 {
		t.Errorf("gift-cards: a .NET test project's file is %d in %v", i+1, got)
	}
	// Translation catalogues written in code (Laravel's lang/<code>/*.php)
	// are data: below the code and the front end that use their phrases.
	got = paths(search(t, Options{Root: classes, Concept: "bookmark-folders", Limit: 10}))
	if i := indexOf(got, "laravel/lang/en/bookmarks.php"); i >= 0 && i < 3 {
		t.Errorf("bookmark-folders: a translation catalogue is %d in %v", i+1, got)
	}
}
