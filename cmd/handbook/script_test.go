package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/handbook-dev/handbook/cmd"
	"github.com/handbook-dev/handbook/internal/cli"
)

func TestMain(m *testing.M) {
	// The kill-loop test runs this binary as handbook itself.
	if os.Getenv("HANDBOOK_TEST_AS_MAIN") == "1" {
		os.Exit(cmd.Run(os.Args[1:], cli.System()))
	}
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":  cmdExitCode,
			"jsonvalid": cmdJSONValid,
		},
	})
}

// cmdExitCode runs a command and checks its exact exit status, which
// `! exec` cannot: findings (1), usage (2) and cancel (130) must differ.
//
//	exitcode 2 handbook new 'Bad Slug'
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdJSONValid checks that a file holds valid JSON.
func cmdJSONValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: jsonvalid FILE")
	}
	valid := json.Valid([]byte(ts.ReadFile(args[0])))
	if valid == neg {
		ts.Fatalf("%s: valid JSON = %v", args[0], valid)
	}
}
