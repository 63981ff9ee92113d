package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/conclint/conclint/analyzers/suite"
	"github.com/conclint/conclint/internal/passutil"
)

// sarifLog is the part of a SARIF 2.1.0 log that GitHub code scanning
// reads, spelled with the schema's JSON names: decoding the real output
// into it checks the names as well as the values.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string   `json:"id"`
					ShortDescription sarifMsg `json:"shortDescription"`
					FullDescription  sarifMsg `json:"fullDescription"`
					Help             sarifMsg `json:"help"`
					HelpURI          string   `json:"helpUri"`
					Default          struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           int               `json:"ruleIndex"`
			Level               string            `json:"level"`
			Message             sarifMsg          `json:"message"`
			Locations           []sarifLocation   `json:"locations"`
			RelatedLocations    []sarifLocation   `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string   `json:"level"`
				Message sarifMsg `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

type sarifMsg struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifLocation struct {
	ID               int      `json:"id"`
	Message          sarifMsg `json:"message"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
			EndLine     int `json:"endLine"`
			EndColumn   int `json:"endColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

// runSARIF runs conclint -format sarif, validates the log against the
// SARIF 2.1.0 JSON schema and decodes it.
func runSARIF(t *testing.T, dir string, args ...string) (sarifLog, result) {
	t.Helper()
	r := run(t, dir, "", conclint, append([]string{"-format", "sarif"}, args...)...)
	rep, err := sarif.FromString(r.stdout, sarif.WithStrictValidation())
	if err != nil {
		t.Fatalf("output is not a SARIF log: %v\n%v", err, r)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("output does not validate against the SARIF 2.1.0 schema: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(log.Runs))
	}
	return log, r
}

func TestSARIF(t *testing.T) {
	dir := writeModule(t, fixture)
	log, r := runSARIF(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("conclint -format sarif: exit %d, stderr %q; want exit 1 (findings), as in text mode", r.code, r.stderr)
	}
	if log.Version != "2.1.0" || !strings.HasSuffix(log.Schema, "sarif-schema-2.1.0.json") {
		t.Errorf("version %q, $schema %q", log.Version, log.Schema)
	}
	run := log.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "conclint" || drv.Version == "" || drv.InformationURI != "https://github.com/conclint/conclint" {
		t.Errorf("tool.driver: name %q, version %q, informationUri %q", drv.Name, drv.Version, drv.InformationURI)
	}

	// One rule per pass, described by the pass's own documentation.
	if len(drv.Rules) != len(suite.Analyzers()) {
		t.Fatalf("%d rules, want one per pass (%s)", len(drv.Rules), passNames())
	}
	for i, a := range suite.Analyzers() {
		rule := drv.Rules[i]
		if rule.ID != a.Name {
			t.Errorf("rule %d: id %q, want %q", i, rule.ID, a.Name)
			continue
		}
		if rule.ShortDescription.Text != passutil.Summary(a.Name, a.Doc) || rule.ShortDescription.Text == "" {
			t.Errorf("rule %s: shortDescription %q, want the doc's summary line", a.Name, rule.ShortDescription.Text)
		}
		if rule.FullDescription.Text == "" || rule.FullDescription.Text == rule.ShortDescription.Text || !strings.Contains(a.Doc, strings.Fields(rule.FullDescription.Text)[0]) {
			t.Errorf("rule %s: fullDescription %q, want the paragraph after the summary", a.Name, rule.FullDescription.Text)
		}
		if rule.Help.Text != a.Doc || !strings.Contains(rule.Help.Markdown, "# "+a.Name+"\n") || strings.Contains(rule.Help.Markdown, "<!--") {
			t.Errorf("rule %s: help.text is not the doc, or help.markdown not its page:\n%.200s", a.Name, rule.Help.Markdown)
		}
		if rule.HelpURI != suite.DocURL(a.Name) || rule.Default.Level != "warning" {
			t.Errorf("rule %s: helpUri %q, defaultConfiguration.level %q", a.Name, rule.HelpURI, rule.Default.Level)
		}
	}

	// The results: the text mode's findings, with repository-relative
	// locations (no .git above the module: relative to where we run).
	type want struct {
		msg                        string
		line, col, relLine, relCol int
		relMsg                     string
		related                    int
		linked                     string // the message with its related positions as SARIF links
	}
	wants := []want{
		{flushMsg, 17, 9, 15, 11, "s.mu first locked here", 1, flushMsg + " ([s.mu first locked here](1))"},
		{putMsg, 22, 11, 21, 11, "s.mu locked here", 3, putMsg + " ([s.mu locked here](1); [receive that would end the wait, in (*Store).consume](2); [which first locks s.mu here](3))"},
	}
	if len(run.Results) != len(wants) {
		t.Fatalf("%d results, want %d:\n%s", len(run.Results), len(wants), r.stdout)
	}
	hex := regexp.MustCompile(`^[0-9a-f]{64}$`)
	for i, w := range wants {
		res := run.Results[i]
		if res.RuleID != "lockblock" || drv.Rules[res.RuleIndex].ID != res.RuleID || res.Message.Text != w.linked || res.Level != "warning" {
			t.Errorf("result %d: ruleId %q (index %d), level %q, message %q", i, res.RuleID, res.RuleIndex, res.Level, res.Message.Text)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations, want 1", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		reg := loc.Region
		if loc.ArtifactLocation.URI != "b/b.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
			reg.StartLine != w.line || reg.StartColumn != w.col || reg.EndLine < reg.StartLine || reg.EndColumn <= 0 ||
			reg.EndLine == reg.StartLine && reg.EndColumn <= reg.StartColumn {
			t.Errorf("result %d: location %+v, want b/b.go (base %%SRCROOT%%) at %d:%d with an end after it", i, loc, w.line, w.col)
		}
		if len(res.RelatedLocations) != w.related {
			t.Fatalf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), w.related)
		}
		rel := res.RelatedLocations[0]
		if rel.ID != 1 || rel.Message.Text != w.relMsg || rel.PhysicalLocation.ArtifactLocation.URI != "b/b.go" ||
			rel.PhysicalLocation.Region.StartLine != w.relLine || rel.PhysicalLocation.Region.StartColumn != w.relCol {
			t.Errorf("result %d: related location %+v", i, rel)
		}
		if fp := res.PartialFingerprints["conclintFingerprint/v1"]; !hex.MatchString(fp) {
			t.Errorf("result %d: partialFingerprints %v, want a conclintFingerprint/v1 sha256", i, res.PartialFingerprints)
		}
	}
	if fp0, fp1 := run.Results[0].PartialFingerprints, run.Results[1].PartialFingerprints; fp0["conclintFingerprint/v1"] == fp1["conclintFingerprint/v1"] {
		t.Error("two different findings have the same fingerprint")
	}
	if inv := run.Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].Notifications) != 0 {
		t.Errorf("invocations: %+v, want one, successful, without notifications", inv)
	}

	// Deterministic: a second run (served from the cache) is the same
	// bytes.
	if _, r2 := runSARIF(t, dir, "./..."); r2.stdout != r.stdout {
		t.Error("a second run printed a different SARIF log")
	}

	// A line move keeps the fingerprints: insert lines above both
	// findings, and edit an unrelated line.
	bFile := filepath.Join(dir, "b", "b.go")
	src, err := os.ReadFile(bFile)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(src), "type Store struct {", "// Store is moved down by this comment\n// and a blank line.\n\ntype Store struct {", 1)
	if err := os.WriteFile(bFile, []byte(moved), 0o666); err != nil {
		t.Fatal(err)
	}
	log2, _ := runSARIF(t, dir, "./...")
	if len(log2.Runs[0].Results) != len(wants) {
		t.Fatalf("after the move: %d results, want %d", len(log2.Runs[0].Results), len(wants))
	}
	for i, res := range log2.Runs[0].Results {
		old := run.Results[i]
		if got := res.Locations[0].PhysicalLocation.Region.StartLine; got != wants[i].line+3 {
			t.Errorf("after the move: result %d on line %d, want %d", i, got, wants[i].line+3)
		}
		if res.PartialFingerprints["conclintFingerprint/v1"] != old.PartialFingerprints["conclintFingerprint/v1"] {
			t.Errorf("after the move: result %d (%s) changed fingerprint", i, res.Message.Text)
		}
	}
}

// TestSARIFClean: no findings is an empty results array (GitHub requires
// the key) and exit 0.
func TestSARIFClean(t *testing.T) {
	dir := writeModule(t, fixture)
	log, r := runSARIF(t, dir, "./clean")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("exit %d, stderr %q; want 0 and nothing", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `"results": []`) || len(log.Runs[0].Results) != 0 {
		t.Errorf("want \"results\": [], got:\n%s", r.stdout)
	}
}

// TestSARIFErrors: a package that does not type-check is still exit 2,
// printed on stderr, and recorded as a failed invocation.
func TestSARIFErrors(t *testing.T) {
	files := map[string]string{"bad/bad.go": "package bad\n\nvar x int = \"s\"\n"}
	for k, v := range fixture {
		files[k] = v
	}
	dir := writeModule(t, files)
	log, r := runSARIF(t, dir, "./...")
	if r.code != 2 || !strings.Contains(r.stderr, "conclint: example.com/m/bad: bad/bad.go:3:13: cannot use") {
		t.Errorf("exit %d, stderr %q; want 2 and the error", r.code, r.stderr)
	}
	inv := log.Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].Notifications) != 1 ||
		inv[0].Notifications[0].Level != "error" || !strings.HasPrefix(inv[0].Notifications[0].Message.Text, "example.com/m/bad: bad/bad.go:3:13: cannot use") {
		t.Errorf("invocations: %+v", inv)
	}
	if len(log.Runs[0].Results) != 2 {
		t.Errorf("%d results, want the 2 findings of the packages that type-check", len(log.Runs[0].Results))
	}
}

// TestSARIFRepoRelative: inside a checkout, URIs are relative to its root
// (where code scanning resolves them), whatever directory conclint runs
// in; the text output stays relative to that directory.
func TestSARIFRepoRelative(t *testing.T) {
	dir := writeModule(t, fixture)
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o777); err != nil {
		t.Fatal(err)
	}
	log, _ := runSARIF(t, filepath.Join(dir, "b"), ".")
	for _, res := range log.Runs[0].Results {
		if uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "b/b.go" {
			t.Errorf("from b/: uri %q, want b/b.go (relative to the checkout)", uri)
		}
	}
	r := run(t, filepath.Join(dir, "b"), "", conclint, ".")
	if !strings.HasPrefix(r.stdout, "b.go:17:9: lockblock: ") {
		t.Errorf("text from b/: %q, want paths relative to b/", r.stdout)
	}
}

func TestFormatFlag(t *testing.T) {
	dir := writeModule(t, fixture)
	// -json is -format json.
	a := run(t, dir, "", conclint, "-json", "./...")
	b := run(t, dir, "", conclint, "-format", "json", "./...")
	if a.stdout != b.stdout || a.code != b.code || !strings.HasPrefix(a.stdout, "{") {
		t.Errorf("-json and -format json differ:\n%v\n%v", a, b)
	}
	// -format text is the default.
	if r := run(t, dir, "", conclint, "-format", "text", "./..."); r.stdout != wantText || r.code != 1 {
		t.Errorf("-format text: %v", r)
	}
	for _, tc := range []struct {
		args    []string
		wantErr string
	}{
		{[]string{"-format", "xml", "./..."}, `conclint: -format: unknown format "xml" (text, json or sarif) (see 'conclint -h')`},
		{[]string{"-json", "-format", "sarif", "./..."}, `conclint: -json and -format sarif disagree (see 'conclint -h')`},
	} {
		r := run(t, dir, "", conclint, tc.args...)
		if r.code != 2 || r.stderr != tc.wantErr+"\n" || r.stdout != "" {
			t.Errorf("conclint %s: %v\nwant exit 2 and:\n%s", strings.Join(tc.args, " "), r, tc.wantErr)
		}
	}
}
