package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/handbook-dev/handbook/cmd"
	"github.com/handbook-dev/handbook/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"handbook": func() { os.Exit(cmd.Run(os.Args[1:], cli.System())) },
	})
}

// TestScript runs the end-to-end CLI scripts in testdata/script. Each script
// runs the real command in a fresh folder: $WORK is the repository unless the
// script says otherwise.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			env.Setenv("CI", "")
			env.Setenv("HANDBOOK_ACCESSIBLE", "")
			// git must not read the developer's configuration.
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
	})
}
