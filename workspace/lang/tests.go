package lang

import "strings"

// Test files by the conventions of the languages handbook knows: explore
// gives them the "test" role, and lint's drift does not count a change to
// a test as a change to the code of the folder an entry cites. Read-only.
var (
	// TestDirs are folders whose files are tests, fixtures or their data
	// (compared ignoring case: .NET's Tests/).
	TestDirs = []string{"tests", "test", "spec", "specs", "__tests__", "e2e", "load_tests", "loadtests", "integration_tests", "cypress", "playwright", "testdata", "fixtures", "__fixtures__", "__snapshots__", "__mocks__"}
	// TestPrefixes and TestSuffixes are how test files are named:
	// test_x.py, x_test.go, x_spec.rb, x.test.ts, XTest.java.
	TestPrefixes = []string{"test_"}
	TestSuffixes = []string{"_test.py", "_test.go", "_test.rb", "_spec.rb", "_test.exs", ".test.ts", ".test.tsx", ".test.js", ".test.jsx", ".spec.ts", ".spec.tsx", ".spec.js", ".spec.jsx", "Test.java", "Tests.java", "Test.kt", "Tests.cs", "Test.cs"}
	// TestBases are test files by their whole name.
	TestBases = []string{"conftest.py"}
)

// IsTest reports whether the file rel (slash-separated, from the root) is
// a test by its name or a folder it is in.
func IsTest(rel string) bool {
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	if testName(base) {
		return true
	}
	return InTestFolder(rel)
}

// InTestFolder reports whether one of rel's folders (not its own name) is
// a test folder or a .NET test project (API.Tests/, Shop.UnitTests/).
func InTestFolder(rel string) bool { return AnyFolder(rel, TestFolder) }

// AnyFolder reports whether ok holds for one of rel's folders, outermost
// first (the file's own name is not one).
func AnyFolder(rel string, ok func(seg string) bool) bool {
	for i := 0; ; {
		j := strings.IndexByte(rel[i:], '/')
		if j < 0 {
			return false
		}
		if ok(rel[i : i+j]) {
			return true
		}
		i += j + 1
	}
}

// TestFolder reports whether a folder of this name holds tests.
func TestFolder(name string) bool {
	for _, d := range TestDirs {
		if name == d || strings.EqualFold(name, d) {
			return true
		}
	}
	return IsTestProject(name)
}

// IsTestProject reports a .NET test project's folder name: API.Tests,
// Shop.UnitTests, Shop.Test.
func IsTestProject(name string) bool {
	k := strings.LastIndexByte(name, '.')
	return k > 0 && strings.HasSuffix(name[k:], "Tests") || strings.HasSuffix(name, ".Test")
}

func testName(base string) bool {
	for _, b := range TestBases {
		if base == b {
			return true
		}
	}
	for _, s := range TestSuffixes {
		if strings.HasSuffix(base, s) {
			return true
		}
	}
	for _, p := range TestPrefixes {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	return false
}

// TestOfFolder reports whether a change to file says nothing about the code
// of the folder an entry cites: file is a test, and the folder is not a
// test folder itself (an entry about the test suite cites tests/).
func TestOfFolder(folder, file string) bool {
	folder = strings.TrimSuffix(folder, "/")
	return file != folder && IsTest(file) && !InTestFolder(folder+"/") && !testName(folder[strings.LastIndexByte(folder, '/')+1:])
}
