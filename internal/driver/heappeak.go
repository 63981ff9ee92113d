package driver

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// peakHeapProfile, when CONCLINT_BENCH_HEAPPROFILE names a file, writes a
// heap profile to it each time the live heap after a collection reaches a
// new maximum, so that the file ends holding the profile of the run's
// peak: what bench/run.sh's peak RSS is made of. The returned function
// stops the sampler. A benchmark knob, like CONCLINT_BENCH_STATS.
func peakHeapProfile() func() {
	path := os.Getenv("CONCLINT_BENCH_HEAPPROFILE")
	if path == "" {
		return func() {}
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			live := sample[0].Value.Uint64()
			if live <= peak+peak/50 { // 2% more before another profile
				continue
			}
			peak = live
			fmt.Fprintf(os.Stderr, "heappeak: live %d MiB\n", live>>20)
			f, err := os.Create(path)
			if err != nil {
				return
			}
			runtime.GC() // the profile is of the last collection's heap
			_ = pprof.WriteHeapProfile(f)
			_ = f.Close()
		}
	}()
	return func() {
		close(done)
		<-stopped
	}
}

// cpuProfile, when CONCLINT_BENCH_CPUPROFILE names a file, writes a CPU
// profile of the whole run to it (the resolver's share of a run in
// docs/benchmarks.md comes from one). The returned function stops it.
func cpuProfile() func() {
	path := os.Getenv("CONCLINT_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "conclint: CONCLINT_BENCH_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "conclint: CONCLINT_BENCH_CPUPROFILE: %v\n", err)
		_ = f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
