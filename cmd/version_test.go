package cmd

import (
	"bytes"
	"errors"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

func TestVersionFromBuildInfo(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, tt := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"go install of a tag", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}},
			"v1.2.3 (go1.26.8)"},
		{"go build in a clone", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main:     debug.Module{Version: "v0.0.0-20261129103000-fea31b0abcde+dirty"},
			Settings: settings("vcs", "git", "vcs.revision", "fea31b0abcdef0123456789", "vcs.time", "2026-11-29T10:30:00Z", "vcs.modified", "true")},
			"v0.0.0-20261129103000-fea31b0abcde+dirty (commit fea31b0abcde, modified, 2026-11-29T10:30:00Z; go1.26.8)"},
		{"older toolchain: (devel) with a commit", &debug.BuildInfo{GoVersion: "go1.22.0", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "0123456789abcdef", "vcs.modified", "false")},
			"(devel) (commit 0123456789ab; go1.22.0)"},
		{"go run", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"(devel) (no commit recorded: built by go run or with -buildvcs=false; go1.26.8)"},
		{"no build info", nil, "(devel): this binary carries no build information"},
	} {
		if got := versionFrom(tt.info); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// --version prints the version as it is, also one that -ldflags -X set to
// something a template would read as an action, the same whether run
// answers it alone or cobra does.
func TestVersionFlagPrintsTheVersionVerbatim(t *testing.T) {
	defer func(v string) { Version = v }(Version)
	for _, v := range []string{"v1.2.3", "v1.2.3 (commit fea31b0abcde; go1.26.8)", "v{{.Use}}", "}} {{", "50% {{printf \"%d\" 1}}"} {
		Version = v
		for _, set := range []commandSet{{}, {all: true}} {
			out, errOut, code := runIn([]string{"--version"}, set)
			if want := "handbook " + v + "\n"; out != want || errOut != "" || code != 0 {
				t.Errorf("Version %q, building %+v: exit %d, stdout %q, stderr %q; want stdout %q", v, set, code, out, errOut, want)
			}
		}
	}
}

// failingWriter takes nothing and says so.
type failingWriter struct{ tried *int }

func (w failingWriter) Write([]byte) (int, error) {
	*w.tried++
	return 0, errors.New("write /dev/stdout: bad file descriptor")
}

// When stdout cannot be written, --version alone fails as cobra's does:
// the same exit code, message and writes.
func TestVersionOnAFailingStdout(t *testing.T) {
	var got [2]struct {
		errOut       string
		code, writes int
	}
	for i, set := range []commandSet{{}, {all: true}} {
		var errOut bytes.Buffer
		ios := &cli.IO{In: strings.NewReader(""), Out: failingWriter{&got[i].writes}, ErrOut: &errOut, Getenv: func(string) string { return "" }}
		got[i].code = run([]string{"--version"}, ios, set)
		got[i].errOut = errOut.String()
	}
	if got[0] != got[1] || got[0].code == 0 {
		t.Errorf("--version on a failing stdout: alone %+v, through cobra %+v", got[0], got[1])
	}
}
