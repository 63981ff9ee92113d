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

// memClasses, when CONCLINT_BENCH_MEMCLASSES is set, samples the
// runtime's memory classes every 20 ms and prints to stderr at the end
// the sample where the memory mapped from the OS and not released was
// largest, class by class: what a peak RSS is made of beyond the live
// heap (free spans not yet returned, fragmentation inside spans,
// stacks, runtime metadata).
func memClasses() func() {
	if os.Getenv("CONCLINT_BENCH_MEMCLASSES") == "" {
		return func() {}
	}
	names := []string{
		"/memory/classes/total:bytes",
		"/memory/classes/heap/released:bytes",
		"/memory/classes/heap/objects:bytes",
		"/memory/classes/heap/unused:bytes",
		"/memory/classes/heap/free:bytes",
		"/memory/classes/heap/stacks:bytes",
		"/memory/classes/os-stacks:bytes",
		"/memory/classes/metadata/other:bytes",
		"/memory/classes/metadata/mspan/inuse:bytes",
		"/memory/classes/other:bytes",
		"/memory/classes/profiling/buckets:bytes",
	}
	sample := make([]metrics.Sample, len(names))
	for i, n := range names {
		sample[i].Name = n
	}
	best := make([]uint64, len(names))
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			// total minus released: what the process holds.
			held := sample[0].Value.Uint64() - sample[1].Value.Uint64()
			if os.Getenv("CONCLINT_BENCH_MEMCLASSES") == "trace" {
				fmt.Fprintf(os.Stderr, "memtrace %s held %d objects %d free %d\n", time.Now().Format("15:04:05.000"), held>>20, sample[2].Value.Uint64()>>20, sample[4].Value.Uint64()>>20)
			}
			if held > best[0]-best[1] || best[0] == 0 {
				for i := range sample {
					best[i] = sample[i].Value.Uint64()
				}
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		fmt.Fprintf(os.Stderr, "memclasses at the peak of held memory: held %d MiB", (best[0]-best[1])>>20)
		for i := 2; i < len(names); i++ {
			fmt.Fprintf(os.Stderr, ", %s %d MiB", names[i][len("/memory/classes/"):len(names[i])-len(":bytes")], best[i]>>20)
		}
		fmt.Fprintln(os.Stderr)
	}
}
