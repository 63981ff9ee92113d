package ctxdone_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixturesAtRunTime proves the channel-based fixtures honest: it
// copies testdata/src/ctxdone into a module named ctxdone, adds
// testdata/proof_test.go, and runs it under testing/synctest with -race.
// Each bad fixture must leave a goroutine durably blocked once its
// context is cancelled; each good twin must return.
func TestFixturesAtRunTime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the fixtures")
	}
	src := filepath.Join(testdata(t), "src", "ctxdone")
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if !strings.HasSuffix(path, ".go") {
			return nil // .golden files
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	proof, err := os.ReadFile(filepath.Join("testdata", "proof_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "proof_test.go"), proof, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module ctxdone\n\ngo 1.26\n"), 0o644))
	args := []string{"test", "-count=1"}
	if raceSupported() {
		args = append(args, "-race")
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test of the fixtures failed: %v\n%s", err, out)
	}
}

func raceSupported() bool {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	return err == nil && strings.TrimSpace(string(out)) == "1" && os.Getenv("CONCLINT_NO_RACE") == ""
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
