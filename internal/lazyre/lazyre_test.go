package lazyre

import "testing"

func TestLazy(t *testing.T) {
	r := New(`a(\d+)`)
	if r.re != nil {
		t.Fatal("compiled before use")
	}
	if m := r.FindStringSubmatch("xa12"); len(m) != 2 || m[1] != "12" {
		t.Errorf("FindStringSubmatch = %q", m)
	}
	if !r.MatchString("a1") || r.MatchString("b") {
		t.Error("MatchString")
	}
	if got := r.FindAllIndex([]byte("a1 a2"), -1); len(got) != 2 {
		t.Errorf("FindAllIndex = %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("an invalid expression did not panic on use")
		}
	}()
	New(`(`).MatchString("")
}
