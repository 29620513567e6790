package explore

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/lang"
)

// Roles are the parts of a layered backend a file can play, in the order
// the built-in rules try them. They follow the per-module layout
// server/<pkg>/<module>/{endpoints,service,repository,schemas,tasks}.py with
// SQLAlchemy models in models/, Alembic migrations and a TypeScript client.
var Roles = []string{"test", "migration", "doc", "frontend", "endpoint", "service", "repository", "schema", "task", "worker", "model", "config", "code"}

// roleRule gives a role to paths with one of the base names, base-name
// suffixes or folder names listed.
type roleRule struct {
	role     string
	bases    []string
	suffixes []string
	dirs     []string
	prefixes []string // base-name prefixes
	match    func(rel, base string) bool
	unless   func(rel string) bool // a path the rule does not apply to
}

var roleRules = []roleRule{
	// Fixture folders hold copies of code made for tests; they would
	// otherwise outrank the code they imitate. Test layouts of every
	// language count: spec/ and *_spec.rb, *_test.go, __tests__,
	// *.test.ts, load and end-to-end test suites.
	// (The conventions live in workspace/lang, which lint's drift reads
	// too.)
	{role: "test", dirs: lang.TestDirs, prefixes: lang.TestPrefixes, suffixes: lang.TestSuffixes, bases: lang.TestBases, match: isTestProject},
	// Rails keeps its migrations in db/migrate/, Flyway in db/migration/,
	// many Go services in store/migration/<driver>/; a qualified folder
	// holds them too (Lobsters' db/old_migrations/, data-migrate's
	// db/data_migrations/).
	{role: "migration", dirs: []string{"migrations", "migration", "alembic", "migrate"}, match: isMigrationPath, unless: inServiceLayer},
	{role: "doc", match: isDoc},
	{role: "frontend", match: isFrontend},
	{role: "endpoint", bases: []string{"endpoints.py", "endpoint.py", "routes.py", "router.py", "routers.py", "views.py", "api.py", "handlers.go", "routes.go", "routes.rb", "urls.py", "admin.py", "viewsets.py"},
		dirs: []string{"endpoints", "routes", "routers", "controllers", "controller", "handlers", "views"},
		suffixes: []string{".controller.ts", ".controller.js", ".resolver.ts", ".routes.ts", ".routes.js", ".router.ts", ".router.js", "_controller.rb", "_controller.ex", "_view.ex", "_handler.go", "_handlers.go",
			"Controller.java", "Controller.kt", "Controller.cs", "Controller.php"}},
	{role: "service", bases: []string{"service.py", "services.py", "service.go"}, dirs: []string{"services", "service"}, suffixes: []string{".service.ts", ".service.js", "_service.py", "_service.rb", "_service.go", "Service.java", "Service.kt", "Service.cs"}},
	{role: "repository", bases: []string{"repository.py", "repositories.py"}, dirs: []string{"repositories", "repository", "repos"}, suffixes: []string{".repository.ts", "_repository.py", "_repository.rb", "Repository.java", "Repository.kt", "Repository.cs"}},
	{role: "schema", bases: []string{"schemas.py", "schema.py", "forms.py", "serializers.py"}, dirs: []string{"schemas", "schema", "serializers", "dtos", "dto"}, suffixes: slices.Concat(declarationSuffixes, []string{"_schema.py", "_schemas.py", "_serializer.rb"})},
	{role: "task", bases: []string{"tasks.py", "task.py"}, dirs: []string{"tasks", "jobs", "scheduled_tasks"}, suffixes: []string{".job.ts", ".processor.ts", "_tasks.py", "_job.rb", "_job.py"}},
	{role: "worker", bases: []string{"worker.py", "workers.py"}, dirs: []string{"worker", "workers"}},
	{role: "model", bases: []string{"models.py", "model.py"}, dirs: []string{"models", "entities", "entity"}, suffixes: []string{".entity.ts", ".model.ts", ".model.js"}},
	{role: "config", bases: []string{"settings.py", "config.py", "Dockerfile", "Makefile", ".env", ".env.example"},
		suffixes: []string{".yaml", ".yml", ".toml", ".ini", ".cfg", ".json", ".conf"}},
}

// inServiceLayer reports a path under a services/ folder: there a
// migrations/ folder is a service that moves data in from elsewhere (an
// importer), not the schema's migrations.
func inServiceLayer(rel string) bool {
	return hasDirFold(rel, "services", "service")
}

// isMigrationPath reports migrations that the folder names alone do not
// give away: under a qualified migrations folder, or an Alembic revision.
func isMigrationPath(rel, base string) bool {
	return inQualifiedMigrations(rel) || isAlembicRevision(rel, base)
}

// isAlembicRevision reports a Python file of an Alembic versions/ folder
// named as Alembic names revisions, by date or revision id first
// (2021-06-02_f011c050b9ba.py, ae1027a6acf_add_a_column.py), wherever the
// project keeps its script folder (Dispatch: database/revisions/tenant/).
func isAlembicRevision(rel, base string) bool {
	if !strings.HasSuffix(base, ".py") || !hasDir(rel, "versions") {
		return false
	}
	if base[0] >= '0' && base[0] <= '9' {
		return true
	}
	n := 0
	for n < len(base) && (base[n] >= '0' && base[n] <= '9' || base[n] >= 'a' && base[n] <= 'f') {
		n++
	}
	return n >= 8 && n < len(base) && base[n] == '_'
}

// inQualifiedMigrations reports a path under a folder whose name ends in
// _migrations or -migrations (old_migrations, data-migrations).
func inQualifiedMigrations(rel string) bool {
	return lang.AnyFolder(rel, func(seg string) bool {
		if n := len(seg) - len("migrations"); n > 1 && (seg[n-1] == '_' || seg[n-1] == '-') && strings.EqualFold(seg[n:], "migrations") {
			return true
		}
		return false
	})
}

// isTestProject reports files of a .NET test project: API.Tests/,
// Shop.UnitTests/, Shop.IntegrationTests/.
func isTestProject(rel, _ string) bool {
	return lang.AnyFolder(rel, lang.IsTestProject)
}

// isDoc reports documentation: prose files, manual pages (miniflux.1),
// saved API requests (Bruno's .bru, REST clients' .http, Hurl's .hurl:
// examples of calling the API, named like the feature they call), the
// legal and project notes at the top of a repository (LICENSE, CHANGELOG,
// CODEOWNERS) and every file of a top-level docs folder (a docs site's
// pages and its mkdocs.yml).
func isDoc(rel, base string) bool {
	if hasAnySuffix(base, docSuffixes) || isManPage(base) {
		return true
	}
	// Compared case-insensitively without allocating: roleOf runs for
	// every matching file.
	stem := strings.TrimSuffix(base, path.Ext(base))
	for _, n := range docNames {
		if strings.EqualFold(stem, n) {
			return true
		}
	}
	for _, d := range []string{"docs/", "doc/", "documentation/"} {
		if strings.HasPrefix(rel, d) {
			return true
		}
	}
	return false
}

var docSuffixes = []string{".md", ".mdx", ".rst", ".adoc", ".bru", ".http", ".rest", ".hurl"}

// isManPage reports a roff manual page by its section suffix: a name
// ending in a letter, then .1 to .9 (miniflux.1, git-log.1; not v1.2).
func isManPage(base string) bool {
	n := len(base)
	if n < 3 || base[n-2] != '.' || base[n-1] < '1' || base[n-1] > '9' {
		return false
	}
	c := base[n-3] | 0x20
	return c >= 'a' && c <= 'z'
}

var docNames = []string{"LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS", "CONTRIBUTORS", "CHANGELOG", "CHANGES", "HISTORY", "CODEOWNERS", "SECURITY", "CODE_OF_CONDUCT"}

// isTooling reports files that configure the tools around the code, not
// the application: dotfiles (.pylintrc, .gitignore, .editorconfig), build
// and package manifests (package.json, API.csproj, pyproject.toml) and
// hosting configuration (netlify.toml). They name libraries and checks,
// never where a concept is implemented.
func isTooling(base string) bool {
	if len(base) > 1 && base[0] == '.' && !strings.HasPrefix(base, ".env") {
		return true
	}
	return slices.Contains(toolingNames, base) || hasAnySuffix(base, []string{".csproj", ".sln", ".fsproj", ".vbproj"}) ||
		strings.HasPrefix(base, "tsconfig") && strings.HasSuffix(base, ".json") || strings.HasPrefix(base, "requirements") && strings.HasSuffix(base, ".txt")
}

var toolingNames = []string{"package.json", "composer.json", "pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "Gemfile", "go.mod", "Cargo.toml", "pom.xml",
	"build.gradle", "build.gradle.kts", "mix.exs", "netlify.toml", "vercel.json", "renovate.json", "nx.json", "angular.json", "mkdocs.yml", "tox.ini", "Directory.Build.props"}

// isLocaleData reports translation catalogues: data files under a folder of
// locales (assets/langs/ga.json, i18n/fr.yml, locales/de/messages.po).
// They repeat every user-facing phrase in every language.
func isLocaleData(rel, base string) bool {
	if !hasDirFold(rel, localeDirs...) {
		return false
	}
	switch strings.ToLower(path.Ext(base)) {
	case ".json", ".yaml", ".yml", ".po", ".pot", ".xlf", ".xliff", ".resx", ".properties", ".ftl", ".toml", ".arb":
		return true
	}
	// Catalogues written in code (Laravel's lang/en/entities.php): a
	// file in a folder named by a language code under a locale folder.
	parent := path.Dir(rel)
	grand := path.Dir(parent)
	return grand != "." && isLanguageCode(path.Base(parent)) && hasDirFold(rel[:len(grand)+1], localeDirs...)
}

var localeDirs = []string{"i18n", "l10n", "locales", "locale", "langs", "lang", "translations", "languages"}

// isLanguageCode reports names such as en, pt_BR, zh-Hans, de_informal.
func isLanguageCode(s string) bool {
	if len(s) < 2 {
		return false
	}
	n := 0
	for n < len(s) && isLower(s[n]) {
		n++
	}
	if n < 2 || n > 3 {
		return false
	}
	return n == len(s) || s[n] == '_' || s[n] == '-'
}

// frontendExts are front-end sources; they are "frontend" under a client or
// web app folder. Templates and styles are front end anywhere, and so is
// everything under a Rails app's views/ and assets/.
var frontendExts = []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".vue", ".svelte", ".css", ".scss"}
var frontendDirs = []string{"clients", "client", "web", "frontend", "apps", "static", "assets", "public"}
var frontendAnywhere = []string{".vue", ".svelte", ".css", ".scss", ".sass", ".less", ".haml", ".erb", ".slim", ".html", ".hbs", ".tsx", ".jsx",
	".eex", ".heex", ".leex", ".jinja", ".jinja2", ".j2", ".twig", ".mustache", ".html-fragment", ".blade.php", ".svg",
	// Storybook stories show components.
	".stories.ts", ".stories.tsx", ".stories.js", ".stories.jsx", ".stories.mdx"}

// isDeclarations reports files that by their name or folder hold type
// declarations only (TypeScript interfaces, types, enums and DTOs): the
// shape of the data, never the behaviour.
func isDeclarations(rel string) bool {
	base := path.Base(rel)
	if hasAnySuffix(base, declarationSuffixes) {
		return true
	}
	// Data transfer objects are shapes whatever the language: a folder of
	// them at any depth (DTOs/Account/ResetPasswordDto.cs), a name ending
	// in Dto or DTO (PasswordResetDto.cs, user_dto.py).
	if hasDirFold(rel, "dtos", "dto") || isDTOName(base) {
		return true
	}
	// A C# interface (IHasCoverImage.cs) declares members, never their
	// bodies.
	if strings.HasSuffix(base, ".cs") && len(base) > 5 && base[0] == 'I' && isUpper(base[1]) && !isUpper(base[2]) {
		return true
	}
	// A script right inside interfaces/ or types/; deeper, the folder
	// may be a layer (a hexagonal interfaces/http/ holds controllers).
	// Enums are declarations in any language.
	switch dir := path.Base(path.Dir(rel)); {
	case dir == "interfaces" || dir == "types":
		return isScript(rel)
	case strings.EqualFold(dir, "enums"):
		return true
	case strings.EqualFold(dir, "interfaces") && strings.HasSuffix(base, ".cs"):
		return true
	}
	// A layer of data shapes in a backend layered by kind: pydantic or
	// marshmallow models under schema/ or schemas/ (the folder, not a
	// per-module schemas.py, which keeps the schema layer's discount).
	if strings.HasSuffix(base, ".py") && hasDir(rel, "schema", "schemas") {
		return true
	}
	return false
}

// isDTOName reports a file named as a data transfer object:
// ResetPasswordDto.cs, UserDTO.java, user_dto.py.
func isDTOName(base string) bool {
	stem := base
	if i := strings.IndexByte(stem, '.'); i > 0 {
		stem = stem[:i]
	}
	n := len(stem)
	if n <= 3 {
		return false
	}
	suf := stem[n-3:]
	return suf == "Dto" || suf == "DTO" || strings.HasSuffix(stem, "_dto") || strings.HasSuffix(stem, "Dtos") || strings.HasSuffix(stem, "_dtos")
}

// declarationSuffixes name TypeScript declaration files; they are the
// schema layer's too.
var declarationSuffixes = []string{".dto.ts", ".interface.ts", ".interfaces.ts", ".type.ts", ".types.ts", ".enum.ts", ".d.ts"}

// isRoleDir reports whether a folder named dir gives its files role
// (migrations/ for "migration", tests/ for "test").
func isRoleDir(role, dir string) bool {
	for _, r := range roleRules {
		if r.role == role && slices.ContainsFunc(r.dirs, func(d string) bool { return strings.EqualFold(d, dir) }) {
			return true
		}
	}
	return false
}

// roleOf returns the role of a path relative to the root.
func roleOf(rel string, custom []roleGlob) string {
	if role, ok := customRole(rel, custom); ok {
		return role
	}
	return rulesRole(rel, false)
}

// customRole is the role the team's first matching glob gives rel.
func customRole(rel string, custom []roleGlob) (string, bool) {
	for _, g := range custom {
		if g.match(rel) {
			return g.role, true
		}
	}
	return "", false
}

// rulesRole is the built-in rules' role for rel; backend leaves out the
// front end's rule (a file known to be server code).
func rulesRole(rel string, backend bool) string {
	base := path.Base(rel)
	// Tests, migrations, docs and front end first, by name or folder;
	// then a layer by the file's own name (endpoints/ai/ai.service.ts is
	// the service), and only then by its folder.
	dirRole := ""
	for _, r := range roleRules {
		if backend && r.role == "frontend" {
			continue
		}
		if !layerRole(r.role) {
			if r.matches(rel, base) {
				return r.role
			}
			continue
		}
		if r.matchesName(base) {
			return r.role
		}
		if dirRole == "" && hasDirFold(rel, r.dirs...) {
			dirRole = r.role
		}
	}
	if dirRole == "model" && underCodeKind(rel) {
		// app/Entities/Tools/Cloner.php: Entities names a domain there,
		// and Tools/ says what kind of code the file is.
		return "code"
	}
	if dirRole != "" {
		return dirRole
	}
	return "code"
}

// codeKindDirs name folders of plain code: below a models/ or entities/
// folder they say more about their files than it does.
var codeKindDirs = []string{"tools", "helpers", "utils", "util", "support", "commands", "builders", "managers"}

// underCodeKind reports a path with a code-kind folder below its model
// folder.
func underCodeKind(rel string) bool {
	seen := false
	return lang.AnyFolder(rel, func(seg string) bool {
		if seen {
			for _, n := range codeKindDirs {
				if strings.EqualFold(seg, n) {
					return true
				}
			}
		}
		for _, n := range []string{"models", "entities", "entity"} {
			if strings.EqualFold(seg, n) {
				seen = true
			}
		}
		return false
	})
}

// layerRole reports one of the layers of a backend: a file's own name
// says its layer before its folder does.
func layerRole(role string) bool {
	switch role {
	case "endpoint", "service", "repository", "schema", "task", "worker", "model", "config":
		return true
	}
	return false
}

// matchesName is matches by the base name alone.
func (r roleRule) matchesName(base string) bool {
	for _, b := range r.bases {
		if base == b {
			return true
		}
	}
	if hasAnySuffix(base, r.suffixes) {
		return true
	}
	for _, p := range r.prefixes {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	return false
}

func isFrontend(rel, base string) bool {
	// Server-rendered templates (Django, Jinja, Phoenix) are front end
	// too, whatever their extension.
	return hasAnySuffix(base, frontendAnywhere) || hasAnySuffix(base, frontendExts) && hasDir(rel, frontendDirs...) || hasDir(rel, "templates", "templatetags") ||
		strings.HasPrefix(rel, "app/views/") || strings.HasPrefix(rel, "app/assets/") || strings.HasPrefix(rel, "app/javascript/") ||
		strings.Contains(rel, "/app/views/") || strings.Contains(rel, "/app/assets/") ||
		// Phoenix: LiveViews and components of the web app are its UI.
		strings.Contains(rel, "_web/live/") || strings.Contains(rel, "_web/components/") ||
		isLaravelResource(rel)
}

// isLaravelResource reports Laravel's front end: resources/js, css, sass,
// views and the like. A resources/ folder alone says nothing (a
// TypeScript API's src/resources/ holds its REST resources).
func isLaravelResource(rel string) bool {
	for i := strings.Index(rel, "resources/"); i >= 0; {
		if i == 0 || rel[i-1] == '/' {
			rest := rel[i+len("resources/"):]
			if j := strings.IndexByte(rest, '/'); j > 0 {
				switch rest[:j] {
				case "js", "ts", "css", "sass", "scss", "less", "views", "icons", "svg", "images", "assets":
					return true
				}
			}
		}
		k := strings.Index(rel[i+1:], "resources/")
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// hasDir reports whether a folder of rel (not its base name) is one of
// names. It runs for every file walked, so it does not allocate.
func hasDir(rel string, names ...string) bool {
	return dirAmong(rel, names, false)
}

// hasDirFold is hasDir, ASCII case-insensitively.
func hasDirFold(rel string, names ...string) bool {
	return dirAmong(rel, names, true)
}

// dirAmong is hasDir and hasDirFold: one walk over rel's folders.
func dirAmong(rel string, names []string, fold bool) bool {
	return lang.AnyFolder(rel, func(seg string) bool {
		for _, n := range names {
			if seg == n || fold && strings.EqualFold(seg, n) {
				return true
			}
		}
		return false
	})
}

func (r roleRule) matches(rel, base string) bool {
	if r.unless != nil && r.unless(rel) {
		return false
	}
	if r.match != nil && r.match(rel, base) {
		return true
	}
	if r.matchesName(base) {
		return true
	}
	// PHP, C# and Java name their folders in PascalCase (Controllers,
	// Models, Services): the layer is the same.
	return hasDirFold(rel, r.dirs...)
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// roleGlob is a role glob from .handbook.yaml: gitignore-style, so a
// pattern without a slash matches a name at any depth, a leading slash or
// a middle slash anchors it at the root, "**" spans folders and a pattern
// naming a folder covers everything below it.
type roleGlob struct {
	role    string
	pattern string
	parts   []string
}

func compileRoleGlobs(ws *workspace.Workspace, cfg map[string][]string) ([]roleGlob, error) {
	names := make([]string, 0, len(cfg))
	for role := range cfg {
		names = append(names, role)
	}
	sort.Strings(names) // map order must not decide which glob wins
	var out []roleGlob
	for _, role := range names {
		for _, pat := range cfg[role] {
			p := strings.TrimSuffix(strings.TrimSpace(pat), "/")
			if p == "" {
				return nil, ws.ConfigErrorf("explore.roles."+role, "explore.roles.%s has an empty glob; remove it or write a path glob such as app/services/", role)
			}
			if !strings.Contains(strings.TrimPrefix(p, "/"), "/") && !strings.HasPrefix(p, "/") {
				p = "**/" + p
			}
			parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
			for _, part := range parts {
				if _, err := path.Match(part, ""); err != nil {
					return nil, ws.ConfigErrorf("explore.roles."+role, "explore.roles.%s: bad glob %q: %v", role, pat, err)
				}
			}
			out = append(out, roleGlob{role: role, pattern: pat, parts: parts})
		}
	}
	return out, nil
}

// misspeltRoles warns about a configured role that is not one of Roles but
// one or two letters from one (servce): the files it names get a new role
// of that name, which --role service does not select.
func misspeltRoles(ws *workspace.Workspace, cfg map[string][]string) []string {
	var out []string
	for role := range cfg {
		if slices.Contains(Roles, role) {
			continue
		}
		if near := workspace.Closest(role, Roles, 2); near != "" {
			out = append(out, fmt.Sprintf("%s: explore.roles.%s is a new role, not one of explore's; did you mean %s?", ws.ConfigAt("explore.roles."+role), role, near))
		}
	}
	slices.Sort(out)
	return out
}

func (g roleGlob) match(rel string) bool {
	segs := strings.Split(rel, "/")
	// A glob naming a folder covers its files: try every prefix.
	for n := len(segs); n >= 1; n-- {
		if globMatch(g.parts, segs[:n]) {
			return true
		}
	}
	return false
}

func globMatch(parts, segs []string) bool {
	if len(parts) == 0 {
		return len(segs) == 0
	}
	if parts[0] == "**" {
		for i := 0; i <= len(segs); i++ {
			if globMatch(parts[1:], segs[i:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	ok, _ := path.Match(parts[0], segs[0])
	return ok && globMatch(parts[1:], segs[1:])
}

// checkRoles validates --role values against the built-in and configured
// roles.
func checkRoles(want []string, custom []roleGlob) (map[string]bool, error) {
	if len(want) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	for _, r := range Roles {
		known[r] = true
	}
	for _, g := range custom {
		known[g.role] = true
	}
	set := map[string]bool{}
	for _, r := range want {
		for _, one := range strings.Split(r, ",") {
			one = strings.TrimSpace(one)
			if !known[one] {
				names := make([]string, 0, len(known))
				for k := range known {
					names = append(names, k)
				}
				sort.Strings(names)
				return nil, &cli.UsageError{Msg: fmt.Sprintf("unknown role %q", one), Hint: "Roles: " + strings.Join(names, ", ") + "."}
			}
			set[one] = true
		}
	}
	return set, nil
}
