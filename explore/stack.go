package explore

import (
	"bytes"
	"fmt"
	"path"
	"strings"
)

// Front end or back end, from what the code is written with. Folder names
// alone mislead in a JavaScript/TypeScript monorepo (Nx, Turborepo, pnpm
// workspaces): apps/ holds the NestJS API next to the Angular client, and
// libs/ui the components. What tells them apart is the framework: the
// imports of the file itself (@angular/, react, vue against @nestjs/,
// express) and, for a file that imports neither, the manifest of the
// nearest project (package.json dependencies, an Nx project.json's
// executors). Both are read in the one pass: a file's head when it
// mentions the concept, a manifest whenever one is walked.

// Sides a file or project can be on.
const (
	sideUnknown uint8 = iota
	sideFront
	sideBack
)

// Markers in a manifest (package.json, project.json): dependencies and
// build executors of a front-end or a server framework.
var (
	manifestFront = [][]byte{
		[]byte(`"@angular/core"`), []byte(`"react"`), []byte(`"react-dom"`), []byte(`"vue"`), []byte(`"svelte"`),
		[]byte(`"next"`), []byte(`"nuxt"`), []byte(`"@sveltejs/kit"`), []byte(`"solid-js"`),
		[]byte(`"@nx/angular`), []byte(`"@nrwl/angular`), []byte(`"@angular-devkit/build-angular`),
		[]byte(`"@nx/react`), []byte(`"@nrwl/react`), []byte(`"@nx/next`), []byte(`"@nx/vue`), []byte(`"@storybook/`),
	}
	manifestBack = [][]byte{
		[]byte(`"@nestjs/core"`), []byte(`"express"`), []byte(`"fastify"`), []byte(`"koa"`), []byte(`"@hapi/hapi"`),
		[]byte(`"@nx/node`), []byte(`"@nrwl/node`), []byte(`"@nx/js:node"`), []byte(`"@nx/nest`), []byte(`"@nrwl/nest`),
	}
)

// importHead is how much of a source file is looked at for its imports.
const importHead = 4 << 10

// Modules a source file imports: front-end frameworks, and server ones.
var (
	moduleFront = [][]byte{[]byte("@angular/"), []byte("react"), []byte("react-dom"), []byte("vue"), []byte("svelte"), []byte("solid-js"), []byte("preact")}
	moduleBack  = [][]byte{[]byte("@nestjs/"), []byte("express"), []byte("fastify"), []byte("koa"), []byte("@hapi/")}
)

// isManifest reports a project manifest whose framework decides the side
// of the files below it.
func isManifest(base string) bool { return base == "package.json" || base == "project.json" }

// manifestSide reads a manifest: front or back when it names frameworks
// of one side only.
func manifestSide(data []byte) uint8 { return sideOf(data, manifestFront, manifestBack) }

// importSide reads the head of a JavaScript/TypeScript file for the
// frameworks it imports.
func importSide(rel string, data []byte) uint8 {
	if !isScript(rel) {
		return sideUnknown
	}
	head := data[:min(len(data), importHead)]
	var front, back bool
	// Only the quoted module of each import or require: one look at each
	// line of the head, never a search of the whole file.
	for len(head) > 0 {
		end := bytes.IndexByte(head, '\n')
		if end < 0 {
			end = len(head)
		}
		line := head[:end]
		head = head[min(len(head), end+1):]
		// The imports are over at the first declaration or decorator.
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && (t[0] == '@' || bytes.HasPrefix(t, classWord) || bytes.HasPrefix(t, functionWord) ||
			bytes.HasPrefix(t, exportWord) && !bytes.Contains(t, fromWord)) {
			break
		}
		if !bytes.Contains(line, fromWord) && !bytes.Contains(line, requireCall) && !bytes.HasPrefix(bytes.TrimSpace(line), importWord) {
			continue
		}
		mod := quotedModule(line)
		front = front || isModule(mod, moduleFront)
		back = back || isModule(mod, moduleBack)
	}
	return sideFrom(front, back)
}

var (
	fromWord    = []byte("from ")
	requireCall = []byte("require(")
	importWord  = []byte("import ")
	// Declarations that end the imports.
	classWord    = []byte("class ")
	functionWord = []byte("function ")
	exportWord   = []byte("export ")
)

// quotedModule returns the last quoted string of an import line.
func quotedModule(line []byte) []byte {
	end := bytes.LastIndexAny(line, `'"`)
	if end <= 0 {
		return nil
	}
	start := bytes.LastIndexByte(line[:end], line[end])
	if start < 0 {
		return nil
	}
	return line[start+1 : end]
}

// isModule reports whether mod is one of the modules, or a path inside
// one (react-dom/client, @angular/core).
func isModule(mod []byte, list [][]byte) bool {
	for _, m := range list {
		if bytes.Equal(mod, m) || bytes.HasPrefix(mod, m) && (m[len(m)-1] == '/' || mod[len(m)] == '/') {
			return true
		}
	}
	return false
}

func sideOf(data []byte, front, back [][]byte) uint8 {
	return sideFrom(hasAny(data, front), hasAny(data, back))
}

// sideFrom is the side when frameworks of one side only were seen.
func sideFrom(front, back bool) uint8 {
	switch {
	case front && !back:
		return sideFront
	case back && !front:
		return sideBack
	}
	return sideUnknown
}

func hasAny(data []byte, needles [][]byte) bool {
	for _, n := range needles {
		if bytes.Contains(data, n) {
			return true
		}
	}
	return false
}

// isScript reports the JavaScript/TypeScript sources whose side depends on
// their project (.tsx, .vue and the like are front end anywhere).
func isScript(rel string) bool {
	switch path.Ext(rel) {
	case ".ts", ".js", ".mjs", ".cjs", ".mts", ".cts":
		return !strings.HasSuffix(rel, ".d.ts")
	}
	return false
}

// projectSides maps a project's folder ("" for the root) to its side.
type projectSides map[string]uint8

// of returns the side of the nearest project above rel that has one. The
// repository's own root manifest is not read: a root package.json lists
// the tools of the whole repository, not the side of its folders.
func (ps projectSides) of(rel string) uint8 {
	for dir := path.Dir(rel); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if s, ok := ps[dir]; ok && s != sideUnknown {
			return s
		}
	}
	return sideUnknown
}

// refineRole corrects the role the path gave a script by its side: a
// NestJS file under apps/ is backend code, an Angular component under
// libs/ front end. The file's own imports win over its project's
// manifest.
//
// A layer the file's name gave it counts for nothing against a front-end
// side: an Angular app's search.service.ts and user.model.ts are front
// end, however backend-like their names.
func refineRole(ff *fileFacts, projects projectSides, custom []roleGlob) {
	if !isScript(ff.rel) || ff.role != "frontend" && ff.role != "code" && !layerRole(ff.role) {
		return
	}
	if _, team := customRole(ff.rel, custom); team {
		return // the team's own glob gave the role
	}
	side := ff.side
	if side == sideUnknown {
		side = projects.of(ff.rel)
	}
	by := sideByImports
	if ff.side == sideUnknown {
		by = sideByManifest
	}
	switch {
	case side == sideBack && ff.role == "frontend":
		ff.role, ff.sideBy = backendRoleOf(ff.rel), by
	case side == sideFront && ff.role != "frontend":
		ff.role, ff.sideBy = "frontend", by
	}
}

// How refineRole decided a file's side, for --explain.
const (
	sideByImports  uint8 = 1
	sideByManifest uint8 = 2
)

// sideSignal explains a role refineRole changed: a factor of 1, shown
// only for the reason.
func sideSignal(f *fileFacts) (Signal, bool) {
	if f.sideBy == 0 {
		return Signal{}, false
	}
	what := "server code"
	if f.role == "frontend" {
		what = "front end"
	}
	how := "by its imports"
	if f.sideBy == sideByManifest {
		how = "by its project's manifest (package.json, project.json)"
	}
	return Signal{Name: "framework", Value: 1, Factor: true, Detail: fmt.Sprintf("%s %s, whatever its folder says", what, how)}, true
}

// backendRoleOf is roleOf for a file known to be server code: every rule
// but the front end's folders.
func backendRoleOf(rel string) string { return rulesRole(rel, true) }
