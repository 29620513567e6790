package explore

import (
	"bytes"
	"strings"
	"testing"
)

// In a terminal, --explain's reasons and a module's list of files wrap at
// words under their own text, within the width; code lines never wrap, and
// without a terminal (width 0) nothing does.
func TestWriteTextWidthWrapsProseOnly(t *testing.T) {
	code := "    return " + strings.Repeat("very_long_name + ", 8) + "x"
	res := &Result{Matched: 1, Results: []FileResult{{
		Path: "server/app/webhook/repository.py", Kind: "file", Role: "repository", Score: 54.5,
		Reasons: []string{
			"defines class WebhookDeliveryRepository, class WebhookEndpointRepository, class WebhookEventRepository (+22.01)",
			"short reason (+1)",
		},
		Hits: []Hit{{Line: 3, Text: code}},
	}}}
	var b bytes.Buffer
	WriteTextWidth(&b, res, true, false, 80)
	want := "server/app/webhook/repository.py  repository  54.5\n" +
		"  · defines class WebhookDeliveryRepository, class WebhookEndpointRepository,\n" +
		"    class WebhookEventRepository (+22.01)\n" +
		"  · short reason (+1)\n" +
		"  3:" + code + "\n"
	if b.String() != want {
		t.Errorf("width 80:\n%s\nwant:\n%s", b.String(), want)
	}
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if len([]rune(line)) >= 80 && !strings.HasPrefix(line, "  3:") {
			t.Errorf("prose line of %d columns: %q", len([]rune(line)), line)
		}
	}
	b.Reset()
	WriteTextWidth(&b, res, true, false, 0)
	if !strings.Contains(b.String(), "  · defines class WebhookDeliveryRepository, class WebhookEndpointRepository, class WebhookEventRepository (+22.01)\n") {
		t.Errorf("width 0 wrapped a reason:\n%s", b.String())
	}
}
