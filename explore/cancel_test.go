package explore

import (
	"context"
	"errors"
	"testing"
)

// A cancelled search stops and says so, instead of returning a result
// built from part of the repository.
func TestSearchCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Search(Options{Ctx: ctx, Root: "testdata/repo", Concept: "distributed lock"})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("Search = %v, %v; want context.Canceled", res, err)
	}
	if _, err := Search(Options{Root: "testdata/repo", Concept: "distributed lock"}); err != nil {
		t.Fatalf("without a context: %v", err)
	}
}
