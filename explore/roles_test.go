package explore

import (
	"path"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/lang"
)

func TestRoleOf(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"server/acme/order/endpoints.py", "endpoint"},
		{"server/acme/order/routes.py", "endpoint"},
		{"server/acme/order/service.py", "service"},
		{"server/acme/order/repository.py", "repository"},
		{"server/acme/order/schemas.py", "schema"},
		{"server/acme/order/tasks.py", "task"},
		{"server/acme/worker/_debounce.py", "worker"},
		{"server/acme/worker.py", "worker"},
		{"server/acme/models/order.py", "model"},
		{"server/migrations/versions/2024_add_x.py", "migration"},
		{"server/tests/order/test_service.py", "test"},
		{"server/acme/order/service_test.py", "test"},
		{"server/conftest.py", "test"},
		{"clients/apps/web/src/hooks/useOrder.test.ts", "test"},
		{"explore/testdata/repo/server/acme/kit/locker.py", "test"},
		{"server/tests/fixtures/orders.json", "test"},
		{"clients/apps/web/src/__mocks__/api.ts", "test"},
		{"README.md", "doc"},
		{"handbook/engineering/backend-development/locks.mdx", "doc"},
		{"clients/apps/web/README.md", "doc"},
		{"LICENSE", "doc"},
		{"API.Tests/Services/ImageServiceTest.cs", "test"},
		{"Shop.IntegrationTests/Checkout.cs", "test"},
		{"alembic/versions/0001_init.py", "migration"},
		{"API/Data/Migrations/20240101_Init.cs", "migration"},
		{"app/services/migrations/tandoor.py", "service"},
		{"app/repos/repository_meals.py", "repository"},
		{"app/Entities/Tools/Cloner.php", "code"},
		{"app/Entities/Models/Page.php", "model"},
		{"app/Entities/Queries/PageQueries.php", "model"},
		{"server/acme/models/helpers/slug.py", "code"},
		{"server/CHANGELOG.txt", "doc"},
		{"db/old_migrations/20230912160752_story_text_searching.rb", "migration"},
		{"db/data-migrations/20240101_backfill.rb", "migration"},
		{"server/app/services/_migrations.py", "service"},
		{"src/dispatch/database/revisions/tenant/versions/2021-06-02_f011c050b9ba.py", "migration"},
		{"db/revisions/versions/ae1027a6acf_add_a_column.py", "migration"},
		{"server/api/versions/v1.py", "code"},
		{"server/api/versions/deadbeef.py", "code"},
		{"miniflux.1", "doc"},                                // a manual page
		{"contrib/bruno/miniflux/Discover feeds.bru", "doc"}, // saved API requests
		{"api/requests/webhooks.http", "doc"},
		{"tests/hurl/login.hurl", "test"},
		{"server/app/v1.2", "code"}, // a version, not a manual section
		{"server/app/lock.py", "code"},
		{"docs/mkdocs.yml", "doc"},
		{"docs/docs/getting-started/usage/backups.md", "doc"},
		{"server/acme/docs/views.py", "endpoint"},
		{"clients/apps/web/src/components/OrderStatus.tsx", "frontend"},
		{"clients/apps/web/src/services/api.ts", "frontend"},
		{"clients/apps/web/src/schemas/order.ts", "frontend"},
		{"clients/apps/web/package.json", "config"},
		{"server/pyproject.toml", "config"},
		{".github/workflows/ci.yml", "config"},
		{"server/acme/config.py", "config"},
		{"server/acme/kit/locker.py", "code"},
		// Other layouts: Rails, Django, Phoenix, Go.
		{"spec/models/user_spec.rb", "test"},
		{"db/migrate/20240101_create_users.rb", "migration"},
		{"app/controllers/users_controller.rb", "endpoint"},
		{"app/views/users/show.html.haml", "frontend"},
		{"app/services/webhook_delivery_service.rb", "service"},
		{"static/js/checks.js", "frontend"},
		{"templates/docs/api.html-fragment", "frontend"},
		{"lib/hexpm_web/templates/dashboard/tfa_card.ex", "frontend"},
		{"lib/hexpm_web/controllers/api/key_controller.ex", "endpoint"},
		{"lib/hexpm_web/views/api/key_view.ex", "endpoint"},
		{"server/load_tests/scenarios/events.py", "test"},
		{"internal/bounce/bounce_test.go", "test"},
		{"hc/api/urls.py", "endpoint"},
		{"lib/hexpm_web/live/diff_live.ex", "frontend"},
		{"hc/api/admin.py", "endpoint"},
		{"hc/front/forms.py", "schema"},
		{"hc/front/templatetags/hc_extras.py", "frontend"},
		{"scripts/build.ts", "code"},
		// Laravel's resources/, Storybook stories, TypeScript declarations.
		{"resources/views/shelves/show.blade.php", "frontend"},
		{"resources/js/wysiwyg/nodes/diagram.ts", "frontend"},
		{"src/resources/invoices.ts", "code"}, // a TypeScript API's REST resources
		{"resources/sass/_blocks.scss", "frontend"},
		{"src/interfaces/http/routes.ts", "code"}, // a hexagonal layer, not declarations
		// The file's own name says its layer before its folder does.
		{"src/endpoints/ai/ai.service.ts", "service"},
		// Spring, .NET, Express conventions.
		{"src/main/java/com/acme/order/controller/OrderController.java", "endpoint"},
		{"src/main/java/com/acme/order/service/OrderPricing.java", "service"},
		{"src/main/java/com/acme/order/entity/Order.java", "model"},
		{"src/Orders/OrdersController.cs", "endpoint"},
		{"src/routes/orders.routes.ts", "endpoint"},
		{"src/orders/order.model.ts", "model"},
		{"server/acme/services/order_repository.py", "repository"},
		{"server/tests/order_service.py", "test"},
		{"libs/ui/src/lib/logo/logo.component.stories.ts", "frontend"},
		{"libs/common/src/lib/interfaces/lookup-response.interface.ts", "schema"},
		{"libs/common/src/lib/dtos/create-order.dto.ts", "schema"},
		{"src/orders/orders.controller.ts", "endpoint"},
		// PascalCase layer folders (Laravel, .NET, Java).
		{"app/Http/Controllers/UserController.php", "endpoint"},
		{"app/Activity/Models/Watch.php", "model"},
		{"resources/icons/editor/diagram.svg", "frontend"},
		{"src/Services/OrderService.cs", "service"},
	} {
		if got := roleOf(tc.path, nil); got != tc.want {
			t.Errorf("roleOf(%s) = %s, want %s", tc.path, got, tc.want)
		}
	}
}

func TestRoleGlobs(t *testing.T) {
	custom, err := compileRoleGlobs(&workspace.Workspace{}, map[string][]string{
		"kit":    {"server/acme/kit/**"},
		"worker": {"jobs"},
		"model":  {"/db/*.py"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"server/acme/kit/locker.py", "kit"},
		{"server/acme/kit/sub/x.py", "kit"},
		{"server/acme/kitchen/x.py", "code"},
		{"server/acme/jobs/send.py", "worker"},
		{"jobs/send.py", "worker"},
		{"db/order.py", "model"},
		{"server/db/order.py", "code"},
		{"server/tests/x/test_a.py", "test"},
	} {
		if got := roleOf(tc.path, custom); got != tc.want {
			t.Errorf("roleOf(%s) = %s, want %s", tc.path, got, tc.want)
		}
	}
	if _, err := compileRoleGlobs(&workspace.Workspace{}, map[string][]string{"x": {"[bad"}}); err == nil {
		t.Error("a malformed glob was accepted")
	}
	if _, err := compileRoleGlobs(&workspace.Workspace{}, map[string][]string{"x": {"  "}}); err == nil {
		t.Error("an empty glob was accepted")
	}
}

func TestCheckRoles(t *testing.T) {
	custom, _ := compileRoleGlobs(&workspace.Workspace{}, map[string][]string{"kit": {"kit"}})
	set, err := checkRoles([]string{"service", "task,kit"}, custom)
	if err != nil || !set["service"] || !set["task"] || !set["kit"] || len(set) != 3 {
		t.Errorf("checkRoles = %v, %v", set, err)
	}
	if _, err := checkRoles([]string{"services"}, custom); err == nil {
		t.Error("unknown role accepted")
	}
}

// TestRefineRole: in a JavaScript/TypeScript monorepo the framework, not
// the folder, says front end or back end: the file's own imports first,
// else its nearest project manifest (never the root's).
func TestRefineRole(t *testing.T) {
	projects := projectSides{"apps/api": sideBack, "apps/client": sideFront, "libs/ui": sideFront, "libs/common": sideUnknown, ".": sideBack}
	for _, tc := range []struct {
		rel  string
		side uint8 // the file's imports
		want string
	}{
		{"apps/api/src/app/export/export.service.ts", sideUnknown, "service"},
		{"apps/api/src/app/export/export.controller.ts", sideBack, "endpoint"},
		{"apps/api/src/helper/object.helper.ts", sideUnknown, "code"},
		{"apps/client/src/app/pages/export.ts", sideUnknown, "frontend"},
		{"libs/ui/src/lib/logo/logo.component.ts", sideUnknown, "frontend"},
		{"libs/common/src/lib/helper.ts", sideUnknown, "code"},
		{"libs/common/src/lib/chart.ts", sideFront, "frontend"},
		{"apps/web/src/server.ts", sideBack, "code"},
		{"src/index.ts", sideUnknown, "code"}, // the root manifest says nothing about folders
		{"apps/api/src/app/app.py", sideUnknown, "code"},
	} {
		ff := &fileFacts{rel: tc.rel, side: tc.side}
		ff.role = roleOf(tc.rel, nil)
		refineRole(ff, projects, nil)
		if ff.role != tc.want {
			t.Errorf("%s: role %s, want %s", tc.rel, ff.role, tc.want)
		}
	}
	if got := manifestSide([]byte(`{"targets":{"serve":{"executor":"@nx/js:node"}}}`)); got != sideBack {
		t.Errorf("Nx node project: side %d", got)
	}
	if got := manifestSide([]byte(`{"dependencies":{"@angular/core":"19","@nestjs/core":"11"}}`)); got != sideUnknown {
		t.Errorf("both frameworks: side %d", got)
	}
	if got := importSide("a/b.ts", []byte("import { Injectable } from '@nestjs/common';\n")); got != sideBack {
		t.Errorf("NestJS import: side %d", got)
	}
}

func TestImportSide(t *testing.T) {
	for src, want := range map[string]uint8{
		"import { Injectable } from '@nestjs/common';\n":                               sideBack,
		"import {\n  Component,\n  Input\n} from '@angular/core';\n\n@Component({})\n": sideFront,
		"const express = require(\"express\");\n":                                      sideBack,
		"import React from 'react';\nimport { Injectable } from '@nestjs/common';\n":   sideUnknown,
		"export class Reactor {}\nimport x from 'react';\n":                            sideUnknown, // past the imports
		"// Uses react-query.\nimport { useQuery } from 'react-query';\n":              sideUnknown,
		"import { createRoot } from 'react-dom/client';\n":                             sideFront,
		"export { PayoutService } from './payout.service';\nimport k from 'koa';\n":    sideBack,
	} {
		if got := importSide("a.ts", []byte(src)); got != want {
			t.Errorf("importSide(%q) = %d, want %d", src, got, want)
		}
	}
}

// TestCompoundNames: a concept word inside a compound name, or spelt apart
// in it, is in the name; a whole word that begins a concept word is not.
func TestCompoundNames(t *testing.T) {
	for _, tc := range []struct {
		concept, name string
		want          bool
	}{
		{"shelves", "Bookshelf", true},
		{"webauthn-passkeys", "web-auth", true},
		{"database-schema", "data-enhancer", false},
		{"discounts", "recount", false},
		{"prometheus-metrics", "prom", true},
		// Porter2 joins distributed and distribution; an adjective in
		// -ed keeps only its own forms.
		{"distributed-lock", "cloudfront_distribution", false},
		{"distributed-lock", "distribute", true},
		// Porter2 strips -ize (categoriz-ation, author-ization): a word
		// made with it keeps to its own family, in names run together
		// too.
		{"categorization", "category", false},
		{"categorization", "AutoCategorizer", true},
		{"categorization", "categorisation", true},
		{"authorization", "author", false},
		{"authorization", "authors_controller", false},
		{"authorization", "authorize", true},
		{"authorization", "Authoriser", true},
		{"localization", "local_storage", false},
		{"author", "authorization", false},
		{"customization", "customize", true},
		{"promise", "promises", true},
	} {
		c, err := ParseConcept(tc.concept)
		if err != nil {
			t.Fatal(err)
		}
		a := newAnalyzer(c)
		mask, _, _, _, _ := a.nameWords([]byte(tc.name), false)
		if got := mask != 0; got != tc.want {
			t.Errorf("%s in %s: %v, want %v", tc.concept, tc.name, got, tc.want)
		}
	}
}

// TestRoleOfDoesNotAllocate: roleOf runs for every matching file.
func TestRoleOfDoesNotAllocate(t *testing.T) {
	paths := []string{"server/acme/order/service.py", "LICENSE", "API.Tests/Services/ImageServiceTest.cs", "docs/mkdocs.yml", "app/Entities/Tools/Cloner.php", "UI/Web/src/assets/langs/ga.json", "lang/en/entities.php", "app/schema/recipe/recipe.py"}
	if n := testing.AllocsPerRun(100, func() {
		for _, p := range paths {
			_ = roleOf(p, nil)
			_ = isTooling(path.Base(p))
			_ = isLocaleData(p, path.Base(p))
			_ = isDeclarations(p)
		}
	}); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// TestToolingAndLocales: tool configuration and translation catalogues are
// not the application.
func TestToolingAndLocales(t *testing.T) {
	for _, tc := range []struct {
		rel            string
		tooling, local bool
	}{
		{".pylintrc", true, false},
		{"server/.gitignore", true, false},
		{"netlify.toml", true, false},
		{"API/API.csproj", true, false},
		{"clients/web/package.json", true, false},
		{".env.example", false, false},
		{"server/settings.py", false, false},
		{"config/app.yaml", false, false},
		{"UI/Web/src/assets/langs/ga.json", false, true},
		{"app/locales/de/messages.po", false, true},
		{"API/I18N/en.json", false, true},
		{"app/i18n/translate.py", false, false},
		{"lang/en/entities.php", false, true},
		{"resources/lang/pt_BR/auth.php", false, true},
		{"app/lang/parser.php", false, false},
	} {
		base := path.Base(tc.rel)
		if got := isTooling(base); got != tc.tooling {
			t.Errorf("isTooling(%s) = %v, want %v", tc.rel, got, tc.tooling)
		}
		if got := isLocaleData(tc.rel, base); got != tc.local {
			t.Errorf("isLocaleData(%s) = %v, want %v", tc.rel, got, tc.local)
		}
	}
}

// TestLeadingRoleWord: a layer word may begin a name instead of ending it
// (controller_cookbooks.py, RepositoryMeals), unless it is the concept's.
func TestLeadingRoleWord(t *testing.T) {
	for _, tc := range []struct {
		concept, name string
		words         int
	}{
		{"cookbooks", "controller_cookbooks", 1},
		{"meals", "RepositoryMeals", 1},
		{"cookbooks", "cookbooks_controller", 1},
		{"service-accounts", "service_accounts", 2},
		{"cookbooks", "public_cookbooks", 2},
	} {
		c, err := ParseConcept(tc.concept)
		if err != nil {
			t.Fatal(err)
		}
		a := newAnalyzer(c)
		if _, words, _, _, _ := a.nameWords([]byte(tc.name), false); words != tc.words {
			t.Errorf("%s in %s: %d words, want %d", tc.concept, tc.name, words, tc.words)
		}
	}
}

// TestDeclarations: data shapes in any language are declarations; the
// code beside them is not.
func TestDeclarations(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want bool
	}{
		{"API/DTOs/Account/ResetPasswordDto.cs", true},
		{"Kavita.Email/DTOs/EmailTestResultDto.cs", true},
		{"API/Entities/Interfaces/IHasCoverImage.cs", true},
		{"API/Entities/Enums/CoverImageSize.cs", true},
		{"src/main/java/shop/UserDTO.java", true},
		{"app/schema/recipe/recipe.py", true},
		{"app/schemas/user.py", true},
		{"server/shop/checkout_link/schemas.py", false},
		{"API/Services/ImageService.cs", false},
		{"API/Entities/AppUser.cs", false},
		{"API/Helpers/IOHelper.cs", false},
		{"API/Services/Dtoa.cs", false},
	} {
		if got := isDeclarations(tc.rel); got != tc.want {
			t.Errorf("isDeclarations(%s) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}

// TestExplainShowsNewSignals: --explain says why a script's role changed
// and when a name is an error type's.
func TestExplainShowsNewSignals(t *testing.T) {
	res := search(t, Options{Root: classes, Concept: "payout-batching", Limit: 5})
	found := false
	for _, r := range res.Results {
		for _, s := range r.Signals {
			if s.Name == "framework" && r.Path == "nx/apps/api/src/app/payout-batching/payout-batching.service.ts" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no framework signal on the API's service: %+v", res.Results)
	}
	res = search(t, Options{Root: classes, Concept: "statement-export", Limit: 5})
	found = false
	for _, r := range res.Results {
		for _, s := range r.Signals {
			if r.Path == "laravel/app/Exceptions/StatementExportException.php" && strings.Contains(s.Detail, "error type") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no error-type note on the exception: %+v", res.Results)
	}
}

// TestIsLayerWord: a layer word in any case, found without allocating
// (it runs on the middle words of every file name walked).
func TestIsLayerWord(t *testing.T) {
	for w, want := range map[string]bool{"service": true, "Service": true, "REPOSITORY": true, "storage": false, "servicesservicesservices": false} {
		if got := isLayerWord([]byte(w)); got != want {
			t.Errorf("isLayerWord(%q) = %v, want %v", w, got, want)
		}
	}
	w := []byte("Controller")
	if n := testing.AllocsPerRun(100, func() { _ = isLayerWord(w) }); n != 0 {
		t.Errorf("isLayerWord allocates %v times", n)
	}
}

func TestMisspeltRoles(t *testing.T) {
	got := misspeltRoles(&workspace.Workspace{}, map[string][]string{
		"servce":     {"app/services/"}, // one letter from service
		"modle":      {"db/"},
		"serializer": {"app/serializers/"}, // a role of its own
		"model":      {"lib/models/"},      // built in
	})
	want := []string{
		".handbook.yaml: explore.roles.modle is a new role, not one of explore's; did you mean model?",
		".handbook.yaml: explore.roles.servce is a new role, not one of explore's; did you mean service?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("misspeltRoles:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The test role is lang.IsTest, which lint's drift reads too: one
// definition of a test file.
func TestTestRoleIsLangIsTest(t *testing.T) {
	for _, rel := range []string{
		"server/tests/test_lock.py", "server/kit/lock_test.go", "spec/models/user_spec.rb", "web/lock.spec.ts",
		"Shop.UnitTests/LockTests.cs", "app/Tests/Feature/LockTest.php", "server/conftest.py", "fixtures/users.json",
		"server/kit/lock.py", "app/services/lock_service.rb", "testing/lock.go", "src/latest.ts", "docs/tests.md",
	} {
		if got, want := rulesRole(rel, false) == "test", lang.IsTest(rel); got != want {
			t.Errorf("%s: test role %v, lang.IsTest %v", rel, got, want)
		}
	}
}
