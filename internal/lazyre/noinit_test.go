package lazyre

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoCompileAtInit: no package of the module compiles a regexp or
// parses a template in a package-level variable, which every command
// (handbook --version included) would pay for at start; use lazyre.New or
// sync.OnceValue. Nor does it build a map literal there (a set of words is
// a switch, which costs nothing at start and answers sooner), but for the
// registry of the rules' default severities, which each rule's file adds
// to. Test files and bench/ are not part of the binary.
func TestNoCompileAtInit(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || d.Name() == "bench" || strings.HasPrefix(d.Name(), ".") && p != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			ast.Inspect(g, func(n ast.Node) bool {
				if _, ok := n.(*ast.FuncLit); ok {
					return false // runs when called, not at init
				}
				if lit, ok := n.(*ast.CompositeLit); ok {
					if _, isMap := lit.Type.(*ast.MapType); isMap && !mapAllowed(g) {
						t.Errorf("%s: a map literal in a package-level variable is built at every start; use a switch or build it on first use", fset.Position(lit.Pos()))
					}
					return true
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok {
						switch x.Name + "." + sel.Sel.Name {
						case "regexp.MustCompile", "regexp.Compile", "template.Must":
							t.Errorf("%s: %s.%s in a package-level variable runs at every start; use lazyre.New or sync.OnceValue", fset.Position(call.Pos()), x.Name, sel.Sel.Name)
						}
					}
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// mapAllowed reports the package-level maps built at init on purpose.
func mapAllowed(g *ast.GenDecl) bool {
	for _, spec := range g.Specs {
		if vs, ok := spec.(*ast.ValueSpec); ok {
			for _, name := range vs.Names {
				if name.Name == "DefaultSeverity" {
					return true
				}
			}
		}
	}
	return false
}
