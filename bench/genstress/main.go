// Command genstress writes the generated stress packages of the
// benchmark (docs/benchmarks.md): one package holding a single very long
// function, or one package holding very many functions. Both use
// mutexes, channels, selects, loops, goroutines, WaitGroups and contexts,
// so that every dataflow of the passes (must-held locks, channel
// identity, context provenance, wait exits, blocking summaries across
// calls and call cycles) has work to do.
//
//	go run ./genstress -kind bigfunc -n 20000 -out stress/bigfunc20000
//	go run ./genstress -kind manyfuncs -n 5000 -out stress/manyfuncs5000
//
// -n is the number of lines of the one function (bigfunc), or the number
// of functions (manyfuncs). The output is deterministic.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
)

func main() {
	kind := flag.String("kind", "bigfunc", "bigfunc or manyfuncs")
	n := flag.Int("n", 20000, "lines of the function (bigfunc) or number of functions (manyfuncs)")
	out := flag.String("out", "", "output directory (its base name is the package name)")
	flag.Parse()
	if *out == "" {
		log.Fatal("genstress: -out is required")
	}
	pkg := filepath.Base(*out)
	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o777); err != nil {
		log.Fatal(err)
	}
	switch *kind {
	case "bigfunc":
		write(filepath.Join(*out, pkg+".go"), bigfunc(pkg, *n))
	case "manyfuncs":
		// 500 functions a file, as real code would spread them.
		const perFile = 500
		write(filepath.Join(*out, "common.go"), manyCommon(pkg))
		for lo := 0; lo < *n; lo += perFile {
			hi := min(lo+perFile, *n)
			write(filepath.Join(*out, fmt.Sprintf("funcs%05d.go", lo)), manyfuncs(pkg, lo, hi, *n))
		}
	default:
		log.Fatalf("genstress: unknown -kind %q", *kind)
	}
}

func write(name string, src []byte) {
	formatted, err := format.Source(src)
	if err != nil {
		log.Fatalf("genstress: %s: %v", name, err)
	}
	if err := os.WriteFile(name, formatted, 0o666); err != nil {
		log.Fatal(err)
	}
}

// The files carry no "Code generated" header on purpose: the passes
// do not report in generated files, and the benchmark times the whole
// reporting path too.

// bigfunc returns a package with one function Big of about n lines,
// made of blocks that rotate over six shapes.
func bigfunc(pkg string, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `// Package %s is a generated stress package: one function of %d lines.
package %s

import (
	"context"
	"sync"
	"time"
)

type state struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	cond  *sync.Cond
	items map[int]int
	ch    chan int
}

func work(ctx context.Context, i int) int {
	select {
	case <-ctx.Done():
		return 0
	default:
		return i
	}
}

// Big is one very long function.
func Big(ctx context.Context, s *state, in <-chan int, out chan<- int, n int) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	results := make(chan int, 16)
	done := make(chan struct{})
	defer close(done)
	acc, shared := 0, 0
`, pkg, n, pkg)
	lines := bytes.Count(b.Bytes(), []byte("\n"))
	start := lines
	for i := 0; lines-start < n-12; i++ {
		var blk string
		switch i % 6 {
		case 0: // lock held across a conditional, cancellable send
			blk = fmt.Sprintf(`	s.mu.Lock()
	if acc%%7 == %[1]d {
		select {
		case out <- acc:
		case <-ctx.Done():
			s.mu.Unlock()
			return acc
		}
	}
	s.items[%[1]d] = acc
	s.mu.Unlock()
`, i%7)
		case 1: // loop with a select: data, cancellation, timer
			blk = fmt.Sprintf(`	for j := 0; j < n; j++ {
		select {
		case v, ok := <-in:
			if !ok {
				break
			}
			acc += v + %d
		case <-ctx.Done():
			return acc
		case <-time.After(time.Millisecond):
		}
	}
`, i)
		case 2: // a derived context, cancelled
			blk = fmt.Sprintf(`	{
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		acc += work(cctx, %d)
		cancel()
	}
`, i)
		case 3: // a goroutine joined by the WaitGroup, reporting on a buffered channel
			blk = fmt.Sprintf(`	wg.Add(1)
	go func(k int) {
		defer wg.Done()
		mu.Lock()
		shared += k
		mu.Unlock()
		select {
		case results <- k:
		case <-done:
		}
	}(%d)
`, i)
		case 4: // branches and a read lock
			blk = fmt.Sprintf(`	s.rw.RLock()
	if acc > %[1]d {
		acc -= %[1]d
	} else if acc < -%[1]d {
		acc += 2 * %[1]d
	} else {
		acc ^= %[1]d
	}
	s.rw.RUnlock()
`, i)
		case 5: // a receive guarded by select with default, and a switch
			blk = fmt.Sprintf(`	select {
	case r := <-results:
		acc += r
	default:
	}
	switch acc %% 3 {
	case 0:
		acc += %[1]d
	case 1:
		acc -= %[1]d
	}
`, i)
		}
		b.WriteString(blk)
		lines += bytes.Count([]byte(blk), []byte("\n"))
	}
	b.WriteString(`	wg.Wait()
	mu.Lock()
	acc += shared
	mu.Unlock()
	return acc
}
`)
	return b.Bytes()
}

func manyCommon(pkg string) []byte {
	return []byte(fmt.Sprintf(`// Package %s is a generated stress package: very many small functions
// that call each other, with call cycles.
package %s

import (
	"context"
	"sync"
)

// S is shared by the functions.
type S struct {
	mu  sync.Mutex
	wg  sync.WaitGroup
	ch  chan int
	buf chan int
	n   int
}

var _ = context.Background
`, pkg, pkg))
}

// manyfuncs returns functions F<lo>..F<hi-1> of a package of total
// functions. F<i> calls F<i-1> (and F<i-2>), and every fourth one calls
// F<i+1> back, so the call graph has long chains, fan-in and cycles.
func manyfuncs(pkg string, lo, hi, total int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nvar _ = time.Second\n\n", pkg)
	call := func(j int) string {
		if j < 0 || j >= total {
			return "0"
		}
		return fmt.Sprintf("F%d(ctx, s, depth-1)", j)
	}
	for i := lo; i < hi; i++ {
		fmt.Fprintf(&b, "// F%d is generated.\nfunc F%d(ctx context.Context, s *S, depth int) int {\n\tif depth <= 0 {\n\t\treturn 0\n\t}\n", i, i)
		switch i % 4 {
		case 0: // lock, update, unlock, then call on
			fmt.Fprintf(&b, "\ts.mu.Lock()\n\ts.n += %d\n\ts.mu.Unlock()\n\treturn %s\n", i, call(i-1))
		case 1: // a cancellable wait, then call on
			fmt.Fprintf(&b, "\tselect {\n\tcase v := <-s.ch:\n\t\treturn v + %s\n\tcase <-ctx.Done():\n\t\treturn 0\n\t}\n", call(i-1))
		case 2: // a goroutine joined by the WaitGroup
			fmt.Fprintf(&b, "\ts.wg.Add(1)\n\tgo func() {\n\t\tdefer s.wg.Done()\n\t\tselect {\n\t\tcase s.buf <- %d:\n\t\tdefault:\n\t\t}\n\t}()\n\ts.wg.Wait()\n\treturn %s + %s\n", i, call(i-1), call(i-2))
		case 3: // a derived context; a call back up closes a cycle
			fmt.Fprintf(&b, "\tcctx, cancel := context.WithTimeout(ctx, time.Second)\n\tdefer cancel()\n\t_ = cctx\n\tif depth%%2 == 0 {\n\t\treturn %s\n\t}\n\treturn %s\n", call(i+1), call(i-1))
		}
		b.WriteString("}\n\n")
	}
	return b.Bytes()
}
