// Command conclint finds concurrency pitfalls in Go code.
//
// One binary has three faces:
//
//	conclint [flags] packages...            the standalone checker (internal/driver)
//	conclint help [pass]                    the list of passes, or one pass's documentation
//	go vet -vettool=$(command -v conclint)  a vet tool (unitchecker), facts flowing through vet
//
// See docs/cli.md for flags, output formats and exit status.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/conclint/conclint/analyzers/suite"
	"github.com/conclint/conclint/internal/driver"
	"github.com/conclint/conclint/internal/passutil"
)

const name = "conclint"

func main() {
	args := os.Args[1:]
	if invokedByVet(args) {
		if len(args) == 1 && (args[0] == "-V=full" || args[0] == "--V=full") {
			vetVersion() // does not return
		}
		unitchecker.Main(vetMain(args, suite.Analyzers())...) // does not return
	}
	if len(args) > 0 && args[0] == "help" {
		os.Exit(help(os.Stdout, os.Stderr, suite.Analyzers(), args[1:]))
	}
	os.Exit(driver.Main(driver.Config{Name: name, Analyzers: suite.Analyzers()}, args))
}

// invokedByVet reports whether go vet runs us as its -vettool: it first
// asks for the version (-V=full) and the flags (-flags), then passes
// flags and one *.cfg file per package.
func invokedByVet(args []string) bool {
	for _, a := range args {
		switch a {
		case "-V=full", "--V=full", "-V", "--V", "-flags", "--flags":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// help lists the passes, or prints the documentation of the one named in
// args, and returns the exit status.
func help(stdout, stderr io.Writer, passes []*analysis.Analyzer, args []string) int {
	switch len(args) {
	case 0:
		fmt.Fprintf(stdout, "%s finds concurrency pitfalls in Go code.\n\n", name)
		fmt.Fprintf(stdout, "Usage:\n  %s [flags] packages...\n  %s help <pass>\n  go vet -vettool=$(command -v %s) packages...\n\n", name, name, name)
		if len(passes) == 0 {
			fmt.Fprintln(stdout, "Passes: none registered.")
		} else {
			fmt.Fprintln(stdout, "Passes:")
			tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
			for _, a := range passes {
				fmt.Fprintf(tw, "  %s\t%s\n", a.Name, passutil.Summary(a.Name, a.Doc))
			}
			tw.Flush()
		}
		fmt.Fprintf(stdout, "\nRun '%s help <pass>' for a pass's documentation, '%s -h' for flags.\n", name, name)
		return driver.ExitClean
	case 1:
		for _, a := range passes {
			if a.Name == args[0] {
				doc := a.Doc
				if !strings.HasSuffix(doc, "\n") {
					doc += "\n"
				}
				fmt.Fprint(stdout, doc)
				return driver.ExitClean
			}
		}
		fmt.Fprintf(stderr, "%s: unknown pass %q (run '%s help' for the list)\n", name, args[0], name)
		return driver.ExitFailure
	default:
		fmt.Fprintf(stderr, "%s: help takes at most one pass name\n", name)
		return driver.ExitFailure
	}
}
