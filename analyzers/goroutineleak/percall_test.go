package goroutineleak_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers/goroutineleak"
	"github.com/conclint/conclint/internal/driver"
	"github.com/conclint/conclint/internal/drivertest"
)

// perCallLib is a library package whose exported function and method each
// abandon one goroutine per call: the first answer wins, the other sender
// blocks forever on the unbuffered channel.
const perCallLib = `package lib

// Fetch returns the first of two answers.
func Fetch() int {
	return first()
}

func first() int {
	answers := make(chan int)
	go func() { answers <- 1 }()
	go func() { answers <- 2 }()
	return <-answers
}

type Client struct{}

// Get returns the first of two answers.
func (c *Client) Get() int {
	replies := make(chan int)
	go func() { replies <- 1 }()
	go func() { replies <- 2 }()
	return <-replies
}
`

// perCallMid starts the program's service: it calls the library's
// entries once per call of its own entry.
const perCallMid = `package mid

import "example.com/m/lib"

// Start sets the service up.
func Start() int {
	c := &lib.Client{}
	return lib.Fetch() + c.Get()
}
`

// TestPerCallSettledByTheRun runs the pass through the driver, which sees
// the whole run (internal/percall): a per-call finding of an exported
// entry is dropped when the program in the run calls the entry once per
// process (from main, directly or through another package's entry it
// calls once), and stays when some call runs in a loop or nothing in the
// run calls the entry (a library analyzed alone).
func TestPerCallSettledByTheRun(t *testing.T) {
	const fetchFinding = "lib/lib.go:10:"
	const getFinding = "lib/lib.go:19:"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // findings expected, by position prefix
		not   []string // findings that must be settled
	}{
		{
			name:  "library alone",
			files: map[string]string{"lib/lib.go": perCallLib},
			want:  []string{fetchFinding, getFinding},
		},
		{
			name: "main calls once",
			files: map[string]string{"lib/lib.go": perCallLib, "cmd/app/main.go": `package main

import "example.com/m/lib"

func main() {
	c := &lib.Client{}
	println(lib.Fetch(), c.Get())
}
`},
			not: []string{fetchFinding, getFinding},
		},
		{
			name: "main calls in a loop",
			files: map[string]string{"lib/lib.go": perCallLib, "cmd/app/main.go": `package main

import "example.com/m/lib"

func main() {
	c := &lib.Client{}
	println(c.Get())
	for i := 0; i < 3; i++ {
		println(lib.Fetch())
	}
}
`},
			want: []string{fetchFinding},
			not:  []string{getFinding},
		},
		{
			name: "through another package once",
			files: map[string]string{"lib/lib.go": perCallLib, "mid/mid.go": perCallMid, "cmd/app/main.go": `package main

import "example.com/m/mid"

func main() { println(mid.Start()) }
`},
			not: []string{fetchFinding, getFinding},
		},
		{
			name: "through another package per request",
			files: map[string]string{"lib/lib.go": perCallLib, "mid/mid.go": perCallMid, "cmd/app/main.go": `package main

import (
	"net/http"

	"example.com/m/mid"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { println(mid.Start()) })
	_ = http.ListenAndServe(":8080", nil)
}
`},
			want: []string{fetchFinding, getFinding},
		},
		{
			name: "main calls through an interface the call resolver resolves",
			files: map[string]string{"lib/lib.go": perCallLib, "cmd/app/main.go": `package main

import "example.com/m/lib"

type getter interface{ Get() int }

func main() {
	var g getter = &lib.Client{}
	println(lib.Fetch(), g.Get())
}
`},
			not: []string{fetchFinding, getFinding}, // g holds a *lib.Client only
		},
		{
			name: "only a test calls",
			files: map[string]string{"lib/lib.go": perCallLib, "cmd/app/main.go": "package main\n\nfunc main() {}\n", "cmd/app/main_test.go": `package main

import (
	"testing"

	"example.com/m/lib"
)

func TestFetch(t *testing.T) { lib.Fetch() }
`},
			want: []string{fetchFinding, getFinding},
		},
		{
			name: "main runs a returned closure once",
			files: map[string]string{"lib/lib.go": perCallLib, "cmd/app/main.go": `package main

import (
	"sync"

	"example.com/m/lib"
)

func fetcher() func() { return func() { println(lib.Fetch()) } }

func getter() func() {
	c := &lib.Client{}
	return func() { println(c.Get()) }
}

func main() {
	var wg sync.WaitGroup
	wg.Go(fetcher())
	run := getter()
	run()
	wg.Wait()
}
`},
			not: []string{fetchFinding, getFinding},
		},
		{
			name: "main hands a returned closure to a handler",
			files: map[string]string{"lib/lib.go": perCallLib, "cmd/app/main.go": `package main

import (
	"net/http"
	"sync"

	"example.com/m/lib"
)

func fetcher() func() { return func() { println(lib.Fetch()) } }

func handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { println(new(lib.Client).Get()) }
}

func main() {
	var wg sync.WaitGroup
	wg.Go(fetcher())
	wg.Wait()
	http.Handle("/", handler())
	_ = http.ListenAndServe(":8080", nil)
}
`},
			want: []string{getFinding},
			not:  []string{fetchFinding},
		},
		{
			name:  "through another package nothing calls",
			files: map[string]string{"lib/lib.go": perCallLib, "mid/mid.go": perCallMid},
			want:  []string{fetchFinding, getFinding},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { checkSettlement(t, tc.files, tc.want, tc.not) })
	}
	if goroutineleak.Analyzer.Flags.Lookup("whole-run").Value.String() != "false" {
		t.Errorf("the driver left the whole-run flag set on the analyzer")
	}
}

// perElementLib is a library whose listener, made by a factory behind an
// interface, starts a worker that never ends (Close stops the ticker, not
// the loop), and whose Probe abandons one goroutine blocked in its send
// per call.
const perElementLib = `package lib

import "time"

// Listener serves one address.
type Listener interface {
	Listen()
	Close()
}

// New makes the listener of addr, of the kind named.
func New(kind, addr string) Listener {
	if kind == "quiet" {
		return quiet{}
	}
	return &listener{addr: addr}
}

type quiet struct{}

func (quiet) Listen() { println("quiet") }
func (quiet) Close()  { println("closed") }

type listener struct {
	addr string
	t    *time.Ticker
}

// Listen starts the listener's loop.
func (l *listener) Listen() {
	l.t = time.NewTicker(time.Second)
	go func() {
		for range l.t.C {
			println(l.addr)
		}
	}()
}

// Close stops the ticker, not the loop.
func (l *listener) Close() { l.t.Stop() }

// Probe returns the first of two answers from addr.
func Probe(addr string) int {
	answers := make(chan int)
	go func() { answers <- len(addr) }()
	go func() { answers <- 2 }()
	return <-answers
}
`

// TestPerElementSettledByTheRun: a worker started through an interface
// the call resolver cannot resolve (a factory's result) is judged by the
// calls of the methods that may be behind it, and start-up code that
// starts one per element of its configuration starts a bounded number
// (percall.Each); a blocked goroutine per element stays a finding, and so
// does a loop that repeats the same start.
func TestPerElementSettledByTheRun(t *testing.T) {
	const workerFinding = "lib/lib.go:33:"
	const probeFinding = "lib/lib.go:45:"
	for _, tc := range []struct {
		name      string
		main      string
		want, not []string
	}{
		{
			name: "library alone",
			want: []string{workerFinding, probeFinding},
		},
		{
			name: "one listener, made by a factory that picks the kind",
			main: `package main

import (
	"os"

	"example.com/m/lib"
)

func main() {
	l := lib.New(os.Args[1], ":80")
	l.Listen()
	defer l.Close()
	select {}
}
`,
			not: []string{workerFinding},
		},
		{
			name: "one listener per configured address",
			main: `package main

import (
	"os"

	"example.com/m/lib"
)

type config struct {
	kind      string
	listeners []string
}

func start(cfg *config) []lib.Listener {
	var ls []lib.Listener
	for _, addr := range cfg.listeners {
		l := lib.New(cfg.kind, addr)
		l.Listen()
		ls = append(ls, l)
	}
	return ls
}

func main() {
	ls := start(&config{kind: os.Args[1], listeners: os.Args[2:]})
	println(len(ls))
	for _, addr := range os.Args[1:] {
		println(lib.Probe(addr))
	}
	select {}
}
`,
			want: []string{probeFinding}, // a blocked goroutine per element is still one per element
			not:  []string{workerFinding},
		},
		{
			name: "the same listener started in each round",
			main: `package main

import "example.com/m/lib"

func main() {
	for range 3 {
		l := lib.New("ticker", ":80")
		l.Listen()
		l.Close()
	}
	select {}
}
`,
			want: []string{workerFinding},
		},
		{
			name: "a listener per request",
			main: `package main

import (
	"net/http"

	"example.com/m/lib"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		l := lib.New("ticker", r.URL.Path)
		l.Listen()
		l.Close()
	})
	_ = http.ListenAndServe(":8080", nil)
}
`,
			want: []string{workerFinding},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"lib/lib.go": perElementLib}
			if tc.main != "" {
				files["cmd/app/main.go"] = tc.main
			}
			checkSettlement(t, files, tc.want, tc.not)
		})
	}
}

// checkSettlement runs the pass through the driver on files and checks
// that the findings at the positions want are printed, those at not are
// settled, and no record is printed as a finding.
func checkSettlement(t *testing.T, files map[string]string, want, not []string) {
	t.Helper()
	out, errOut, code := drivertest.Run(t, []*analysis.Analyzer{goroutineleak.Analyzer}, files)
	if code == driver.ExitFailure {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out, "~finding") || strings.Contains(out, "~call") {
		t.Errorf("a record is printed as a finding:\n%s", out)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("want a finding at %s, got:\n%s", w, out)
		}
	}
	for _, n := range not {
		if strings.Contains(out, n) {
			t.Errorf("the finding at %s is settled by the run, but printed:\n%s", n, out)
		}
	}
}

// exportedListenersLib has two exported listener types and no interface
// of its own: the program converts them to its interface, so the
// package's PerCallInterfacesFact knows nothing of that interface, and a
// call through it is matched by the types it may hold.
const exportedListenersLib = `package lib

import "time"

// Ticker starts a loop per Listen that Close does not stop.
type Ticker struct {
	Addr string
	t    *time.Ticker
}

// Listen starts the loop.
func (l *Ticker) Listen() {
	l.t = time.NewTicker(time.Second)
	go func() {
		for range l.t.C {
			println(l.Addr)
		}
	}()
}

// Close stops the ticker, not the loop.
func (l *Ticker) Close() { l.t.Stop() }

// Quiet listens to nothing.
type Quiet struct{}

func (Quiet) Listen() { println("quiet") }
func (Quiet) Close()  { println("closed") }
`

// TestPerCallThroughProgramInterface: a call through an interface the
// program declares, whose value may be either of two exported types,
// counts as a call of each method that may run.
func TestPerCallThroughProgramInterface(t *testing.T) {
	const tickerFinding = "lib/lib.go:15:"
	const pick = `
type listener interface {
	Listen()
	Close()
}

func open(kind, addr string) listener {
	if kind == "quiet" {
		return lib.Quiet{}
	}
	return &lib.Ticker{Addr: addr}
}
`
	for _, tc := range []struct {
		name      string
		main      string
		want, not []string
	}{
		{
			name: "opened once",
			main: `package main

import (
	"os"

	"example.com/m/lib"
)
` + pick + `
func main() {
	l := open(os.Args[1], ":80")
	l.Listen()
	defer l.Close()
	select {}
}
`,
			not: []string{tickerFinding},
		},
		{
			name: "opened per request",
			main: `package main

import (
	"net/http"

	"example.com/m/lib"
)
` + pick + `
func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		l := open(r.URL.Query().Get("kind"), r.URL.Path)
		l.Listen()
		l.Close()
	})
	_ = http.ListenAndServe(":8080", nil)
}
`,
			want: []string{tickerFinding},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkSettlement(t, map[string]string{"lib/lib.go": exportedListenersLib, "cmd/app/main.go": tc.main}, tc.want, tc.not)
		})
	}
}

// startedClosureLib builds its runner, whose loop never ends, in a
// goroutine that its exported constructor starts: the runner is made
// once per call of NewWrapper.
const startedClosureLib = `package lib

type runner struct{ kick chan struct{} }

func newRunner() *runner {
	r := &runner{kick: make(chan struct{}, 1)}
	go r.loop()
	return r
}

func (r *runner) loop() {
	for {
		<-r.kick
		println("kick")
	}
}

func (r *runner) poke() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// Close forgets the runner; its loop goes on.
func (r *runner) Close() { println("closed") }

// Wrapper builds its runner in the background.
type Wrapper struct{ r chan *runner }

// NewWrapper starts the goroutine that builds the runner.
func NewWrapper() *Wrapper {
	w := &Wrapper{r: make(chan *runner, 1)}
	go func() {
		w.r <- newRunner()
	}()
	return w
}

// Poke wakes the runner once it is built.
func (w *Wrapper) Poke() {
	r := <-w.r
	r.poke()
	w.r <- r
}
`

// handedOnClosureLib adds a second way to newRunner: a closure handed
// to the caller's registry, which may run it any number of times.
const handedOnClosureLib = `package lib

// Register hands the caller a builder of runners.
func Register(add func(build func())) {
	add(func() { _ = newRunner() })
}
`

// TestPerCallThroughStartedClosure: a function literal that runs once
// per run of the function it is declared in (a goroutine a constructor
// starts) is called as often as that function, so the callers of the
// constructor settle what it leaves running; a literal handed on as a
// value does not.
func TestPerCallThroughStartedClosure(t *testing.T) {
	const loopFinding = "lib/lib.go:13:3: goroutineleak"
	for _, tc := range []struct {
		name      string
		handedOn  bool
		main      string
		want, not []string
	}{
		{
			name: "library alone",
			want: []string{loopFinding},
		},
		{
			name: "built once",
			main: `package main

import "example.com/m/lib"

func main() {
	w := lib.NewWrapper()
	println(w)
	select {}
}
`,
			not: []string{loopFinding},
		},
		{
			name: "built per request",
			main: `package main

import (
	"net/http"

	"example.com/m/lib"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		println(lib.NewWrapper())
	})
	_ = http.ListenAndServe(":8080", nil)
}
`,
			want: []string{loopFinding},
		},
		{
			name:     "built once, and by a builder handed on",
			handedOn: true,
			main: `package main

import "example.com/m/lib"

func main() {
	w := lib.NewWrapper()
	println(w)
	var builds []func()
	lib.Register(func(b func()) { builds = append(builds, b) })
	for _, b := range builds {
		b()
	}
	select {}
}
`,
			want: []string{loopFinding},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"lib/lib.go": startedClosureLib}
			if tc.handedOn {
				files["lib/register.go"] = handedOnClosureLib
			}
			if tc.main != "" {
				files["cmd/app/main.go"] = tc.main
			}
			checkSettlement(t, files, tc.want, tc.not)
		})
	}
}

// ownCommandLib is a command package that is not a program's main: its
// command's action calls the package's own exported login, which
// abandons its browser flow when the context ends.
const ownCommandLib = `package login

import (
	"context"

	"github.com/spf13/cobra"
)

// Login waits for the browser flow or the context, whichever ends first.
func Login(ctx context.Context, flow func() string) (string, error) {
	result := make(chan string)
	go func() {
		result <- flow()
	}()
	select {
	case r := <-result:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// NewCommand is the login command.
func NewCommand(flow func() string) *cobra.Command {
	return &cobra.Command{
		Use: "login",
		RunE: func(cmd *cobra.Command, args []string) error {
			ACTION
		},
	}
}
`

// TestPerCallFromOwnCommand: an exported function that a command's
// action in its own package calls is settled by that call, as by an
// importer's; the same action calling it per argument is not.
func TestPerCallFromOwnCommand(t *testing.T) {
	const loginFinding = "login/login.go:13:10: goroutineleak"
	cobraStub, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", "github.com", "spf13", "cobra", "cobra.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		action    string
		want, not []string
	}{
		{
			name:   "once per invocation",
			action: "_, err := Login(context.Background(), func() string { return args[0] })\n\t\t\treturn err",
			not:    []string{loginFinding},
		},
		{
			name:   "once per argument",
			action: "for _, a := range args {\n\t\t\t\tif _, err := Login(context.Background(), func() string { return a }); err != nil {\n\t\t\t\t\treturn err\n\t\t\t\t}\n\t\t\t}\n\t\t\treturn nil",
			want:   []string{loginFinding},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkSettlement(t, map[string]string{
				"go.mod":              "module example.com/m\n\ngo 1.26\n\nrequire github.com/spf13/cobra v0.0.0\n\nreplace github.com/spf13/cobra => ./stub/cobra\n",
				"stub/cobra/go.mod":   "module github.com/spf13/cobra\n\ngo 1.26\n",
				"stub/cobra/cobra.go": string(cobraStub),
				"login/login.go":      strings.Replace(ownCommandLib, "ACTION", tc.action, 1),
			}, tc.want, tc.not)
		})
	}
}
