package lang

import "testing"

func TestIsTest(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want bool
	}{
		{"server/tests/test_lock.py", true},
		{"server/kit/test_lock.py", true},
		{"server/kit/lock_test.go", true},
		{"spec/models/user_spec.rb", true},
		{"src/app/lock.service.spec.ts", true},
		{"Shop.UnitTests/LockTests.cs", true},
		{"API.Tests/Fixtures.cs", true},
		{"server/Tests/Lock.php", true}, // folders ignore case
		{"server/conftest.py", true},
		{"server/kit/lock.py", false},
		{"server/kit/contest.py", false},
		{"server/latest/lock.py", false},
		{"testing/lock.go", false},
		{"tests", false}, // a file named like the folder
	} {
		if got := IsTest(tc.rel); got != tc.want {
			t.Errorf("IsTest(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}

func TestTestOfFolder(t *testing.T) {
	for _, tc := range []struct {
		folder, file string
		want         bool
	}{
		{"server/kit", "server/kit/tests/test_lock.py", true},
		{"server/kit/", "server/kit/lock_test.go", true},
		{"server/kit", "server/kit/lock.py", false},
		{"server/kit/tests", "server/kit/tests/test_lock.py", false}, // the entry is about the tests
		{"spec", "spec/models/user_spec.rb", false},
		{"server/kit/lock_test.go", "server/kit/lock_test.go", false}, // a cited test file
	} {
		if got := TestOfFolder(tc.folder, tc.file); got != tc.want {
			t.Errorf("TestOfFolder(%q, %q) = %v, want %v", tc.folder, tc.file, got, tc.want)
		}
	}
}
