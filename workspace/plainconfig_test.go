package workspace

import (
	"reflect"
	"testing"
)

// plainConfigs are configurations in the plain shape: plainConfig reads
// them without yaml.v3, and reads them as yaml.v3 does.
var plainConfigs = []string{
	"",
	"# only a comment\n\n",
	"lint:\n  rules:\n    ref-drift: off\n",
	"handbook: docs\nsection: docs/server\n",
	"handbook: docs\nsection: docs/backend-development\nnav_group: Backend\n",
	"template: handbook/.templates/entry.mdx\nlink_base: commit\n",
	"lint:\n  rules:\n    ref-drift: off\n    ref-lines: warning\n  baseline: handbook/.lint-baseline.json\n",
	"lint:\n  paths:\n    - handbook/frontend\n    - handbook/ops\n  nav_optional:\n  - engineering/backend-development/draft\n",
	"lint:\n  frontmatter_keys:\n    - icon\n    - sidebarTitle\n",
	"explore:\n  audience: all\nlint:\n   rules:\n      heading-levels: error  # strict\n",
	"  handbook: docs\n  section: docs/b\n",
	"section: handbook/backend # where entries go\n# end\n",
	"lint: # settings\n  rules:\n    ref-drift: off\n",
	"section: .\n",
	"section: ...\n",
	"section: 2024/docs\n",
	"lint:\n  rules:\n    true: off\n",
	"handbook: docs", // no final newline
	"nav_group: Backend Development\n",
	"nav_group: Backend  Development   # two spaces inside\n",
	"lint:\n  frontmatter_keys: [owner]  # extra keys\n  paths: [handbook/engineering/platform, handbook/ops]\n  nav_optional: []\n",
	"lint:\n  paths: [ a ,b ]\n",
	"handbook: handbook                                # folder holding docs.json\n" +
		"section: handbook/engineering/backend-development # where entries live\n" +
		"nav_group: Backend Development                    # docs.json group entries are registered in\n" +
		"template: handbook/.templates/backend-development.mdx\n" +
		"link_base: auto                                   # or repository, remote, commit (see --link-base)\n" +
		"lint:\n  rules:                                          # rule id: error | warning | off\n" +
		"    code-fence-language: off\n" +
		"  nav_optional:                                   # pages allowed to stay out of the navigation\n" +
		"    - engineering/backend-development/draft-notes\n" +
		"  frontmatter_keys: [owner]                       # extra frontmatter keys to accept\n" +
		"  paths: [handbook/engineering/platform]          # more folders to lint by default, besides the section\n" +
		"explore:\n  audience: backend                               # or \"all\": front end and docs rank alike\n",
}

// otherConfigs are left to yaml.v3 (to decode, or to word the error).
var otherConfigs = []string{
	"sectoin: x\n",
	"section: \"docs\"\n",
	"section: 'docs'\n",
	"section: ~\n",
	"section: null\n",
	"section:\n",
	"section: a\n  b\n",
	"section: a b:\n",
	"section: a: b\n",
	"section: docs\nsection: other\n",
	"lint:\n  rules: {ref-drift: off}\n",
	"lint:\n  rules:\n    ref-drift: off\n    ref-drift: error\n",
	"lint:\n  paths: [a, b,]\n",
	"lint:\n paths: 0]\n",
	"lint:\n paths: [0\n",
	"lint:\n  paths: [a, [b]]\n",
	"lint:\n  paths: [a,\n    b]\n",
	"lint:\n  paths: [a]\n    - b\n",
	"section: [a]\n",
	"lint:\n  rules: []\n",
	"lint:\n  rules:\n",
	"explore:\n  synonyms:\n    - [ttl, time to live]\n",
	"explore:\n  roles:\n    migration:\n      - db/**\n",
	"\tsection: x\n",
	"section: x\r\n",
	"section: handbook/a\n---\nsection: handbook/b\n",
	"---\nsection: x\n",
	"section: x\n...\n",
	"lint:\n    rules:\n      a: off\n  paths:\n    - x\n",
	"lint:\n  paths:\n    - a\n      - b\n",
	"lint:\n  paths:\n  - a\n  -b\n",
	"lint:\n  paths:\n    - -a\n",
	"section:x\n",
	"section : x\n",
	"lint: 3\n",
	"section: docs/ünïcode\n",
	"section: a#b\n",
	"- a\n",
	"lint:\n  rules:\n    null: off\n",
	"lint:\n  paths:\n    - a\n  baseline: x\n    - b\n",
}

func TestPlainConfig(t *testing.T) {
	for _, data := range plainConfigs {
		cfg, lines, ok := plainConfig([]byte(data))
		if !ok {
			t.Errorf("%q: not read as plain", data)
			continue
		}
		wantCfg, wantLines, err := decodeConfig(ConfigFile, []byte(data))
		if err != nil {
			t.Errorf("%q: yaml.v3 fails (%v), but plainConfig read it", data, err)
			continue
		}
		if !reflect.DeepEqual(cfg, wantCfg) || !reflect.DeepEqual(lines, wantLines) {
			t.Errorf("%q:\nplain  %+v %v\nyaml.v3 %+v %v", data, cfg, lines, wantCfg, wantLines)
		}
	}
	for _, data := range otherConfigs {
		if cfg, lines, ok := plainConfig([]byte(data)); ok {
			t.Errorf("%q: read as plain (%+v, %v); yaml.v3 should have it", data, cfg, lines)
		}
	}
}

// Whatever plainConfig reads, yaml.v3 reads alike.
func FuzzPlainConfig(f *testing.F) {
	for _, data := range append(plainConfigs, otherConfigs...) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data string) {
		cfg, lines, ok := plainConfig([]byte(data))
		if !ok {
			return
		}
		wantCfg, wantLines, err := decodeConfig(ConfigFile, []byte(data))
		if err != nil {
			t.Fatalf("%q: yaml.v3 fails (%v), but plainConfig read it", data, err)
		}
		if !reflect.DeepEqual(cfg, wantCfg) || !reflect.DeepEqual(lines, wantLines) {
			t.Fatalf("%q:\nplain  %+v %v\nyaml.v3 %+v %v", data, cfg, lines, wantCfg, wantLines)
		}
	})
}
