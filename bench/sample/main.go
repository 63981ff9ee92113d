// Command sample picks the conclint findings of a bench/run.sh run that
// docs/evaluation.md judges: all of them when there are at most -all, else
// a random sample stratified by pass (seeded, so it can be redrawn), at
// least -min in all and at least -floor of each pass (or all of a pass
// that has fewer). It prints each with the code around it, for reading.
//
//	sample -dir bench/out/latest [-seed 7] [-min 40] > sample.md
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type finding struct {
	corpus  string
	pass    string
	posn    string
	message string
	related []string
}

func main() {
	dir := flag.String("dir", "", "results directory of bench/run.sh")
	seed := flag.Int64("seed", 7, "random seed")
	minTotal := flag.Int("min", 40, "judge at least this many findings in all")
	perPass := flag.Int("floor", 8, "and at least this many of each pass")
	all := flag.Int("all", 60, "judge every finding when there are at most this many")
	context := flag.Int("context", 6, "lines of code shown around each position")
	flag.Parse()
	if *dir == "" {
		log.Fatal("sample: -dir is required")
	}
	outs, _ := filepath.Glob(filepath.Join(*dir, "*", "conclint-cold.out"))
	sort.Strings(outs)
	var fs []finding
	for _, o := range outs {
		corpus := filepath.Base(filepath.Dir(o))
		if strings.HasPrefix(corpus, "stress-") {
			continue // generated code: not judged
		}
		fs = append(fs, read(o, corpus)...)
	}
	byPass := map[string][]finding{}
	for _, f := range fs {
		byPass[f.pass] = append(byPass[f.pass], f)
	}
	passes := make([]string, 0, len(byPass))
	for p := range byPass {
		passes = append(passes, p)
	}
	sort.Strings(passes)

	rng := rand.New(rand.NewSource(*seed))
	var picked []finding
	fmt.Printf("# conclint findings to judge (%s, seed %d)\n\n", *dir, *seed)
	for _, p := range passes {
		list := byPass[p]
		n := len(list)
		if len(fs) > *all {
			quota := max(int(math.Ceil(float64(*minTotal)*float64(n)/float64(len(fs)))), *perPass)
			n = min(n, quota)
		}
		idx := rng.Perm(len(list))[:n]
		sort.Ints(idx)
		fmt.Printf("- %s: %d findings, %d judged\n", p, len(list), n)
		for _, i := range idx {
			picked = append(picked, list[i])
		}
	}
	fmt.Println()
	for i, f := range picked {
		fmt.Printf("## %d. %s %s %s\n\n%s\n\n", i+1, f.corpus, f.pass, f.posn, f.message)
		for _, r := range f.related {
			fmt.Printf("related: %s\n", r)
		}
		fmt.Printf("\n```go\n%s```\n\n", snippet(f.posn, *context))
		for _, r := range f.related {
			posn, _, _ := strings.Cut(r, ": ")
			fmt.Printf("```go\n%s```\n\n", snippet(posn, 3))
		}
	}
}

func read(file, corpus string) []finding {
	f, err := os.Open(file)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var fs []finding
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\t") {
			if len(fs) > 0 {
				fs[len(fs)-1].related = append(fs[len(fs)-1].related, strings.TrimPrefix(line, "\t"))
			}
			continue
		}
		parts := strings.SplitN(line, ": ", 3)
		if len(parts) < 3 {
			continue
		}
		fs = append(fs, finding{corpus: corpus, posn: parts[0], pass: parts[1], message: parts[2]})
	}
	return fs
}

// snippet returns the lines around file:line:col, the line itself marked.
func snippet(posn string, ctx int) string {
	parts := strings.Split(posn, ":")
	if len(parts) < 3 {
		return ""
	}
	file := strings.Join(parts[:len(parts)-2], ":")
	line, _ := strconv.Atoi(parts[len(parts)-2])
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Sprintf("// %v\n", err)
	}
	lines := strings.Split(string(b), "\n")
	var sb strings.Builder
	for i := max(1, line-ctx); i <= min(len(lines), line+ctx); i++ {
		mark := "  "
		if i == line {
			mark = "=>"
		}
		fmt.Fprintf(&sb, "%s%5d %s\n", mark, i, lines[i-1])
	}
	return sb.String()
}
