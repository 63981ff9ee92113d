// Command timeit runs a command and records its wall time, CPU time and
// peak resident set size, as GNU time does, so that bench/run.sh needs
// nothing but Go.
//
//	timeit -o result.txt -timeout 15m -stdout out.txt -stderr err.txt -- cmd args...
//
// The result file gets one line of key=value pairs:
//
//	wall=12.34 user=20.10 sys=1.52 maxrss_mib=231.4 exit=1 timeout=false
//
// maxrss is the largest resident set of the command or of any of its
// descendants it waited for (wait4's rusage, as GNU time reports it): for
// go vet, which runs one process per package, that is the largest single
// process, not their sum. On timeout the whole process group is killed
// and exit is -1. timeit's own exit status is 0 unless it could not run
// the command at all.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	out := flag.String("o", "", "append the result line to this file (default stderr)")
	timeout := flag.Duration("timeout", 15*time.Minute, "kill the command after this long")
	stdout := flag.String("stdout", "", "redirect the command's stdout to this file")
	stderr := flag.String("stderr", "", "redirect the command's stderr to this file")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: timeit [-o file] [-timeout d] [-stdout f] [-stderr f] -- cmd args...")
		os.Exit(2)
	}

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin = nil
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if *stdout != "" {
		f, err := os.Create(*stdout)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		cmd.Stdout = f
	}
	if *stderr != "" {
		f, err := os.Create(*stderr)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		cmd.Stderr = f
	}
	// Its own process group, so that a timeout kills the children too
	// (go vet's per-package processes, go list).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}

	start := time.Now()
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	timedOut := false
	var err error
	select {
	case err = <-waited:
	case <-ctx.Done():
		timedOut = true
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		err = <-waited
	}
	wall := time.Since(start)

	exit := 0
	var ee *exec.ExitError
	switch {
	case timedOut:
		exit = -1
	case errors.As(err, &ee):
		exit = ee.ExitCode()
	case err != nil:
		fail(err)
	}
	var user, sys time.Duration
	var maxrssKiB int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		user = time.Duration(ru.Utime.Nano())
		sys = time.Duration(ru.Stime.Nano())
		maxrssKiB = int64(ru.Maxrss) // KiB on Linux
	}
	line := fmt.Sprintf("wall=%.2f user=%.2f sys=%.2f maxrss_mib=%.1f exit=%d timeout=%v\n",
		wall.Seconds(), user.Seconds(), sys.Seconds(), float64(maxrssKiB)/1024, exit, timedOut)
	if *out == "" {
		fmt.Fprint(os.Stderr, line)
		return
	}
	f, err := os.OpenFile(*out, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o666)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "timeit:", err)
	os.Exit(2)
}
