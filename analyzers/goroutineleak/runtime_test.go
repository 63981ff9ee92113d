package goroutineleak_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixturesLeakAtRunTime proves the channel fixtures honest: it copies
// testdata/src/goroutineleak (and its dep package) into a scratch module,
// adds the harness below as an internal test of that package, and runs it
// with -race. Each bad fixture is run under testing/synctest and must leave
// a durably blocked goroutine (synctest.Test panics with "deadlock: main
// bubble goroutine has exited but blocked goroutines remain"); each good
// fixture must finish clean. TestBad also runs the never-ending loops the
// analyzer is silent on by design (wake.Discarded: refresher, logSink,
// pump, objClock, reporterOwner, loggingChild, fieldTicker and the like,
// whose owners nothing in the package lets go): they do leak once their
// owner is dropped, which the package does not show.
//
// CountRetired is silent by design (deprecated) and leaks like CountLeaky;
// drainQueue.close is silent by design (it wakes the Cond on some paths;
// the model does not judge the paths that skip it) and leaks.
//
// RunChild is silent by design (it reads the process's arguments: the
// program's entry, once per process) and leaks like RunNamed; StartAgent
// (it may replace the process with syscall.Exec) leaks like
// StartChildAgent.
//
// Not proven at run time: waiterFirst (racy by construction),
// streamClosing (silent by design: its reader's pending send panics on the
// channel the handler closes as it returns; it does not block), the mutex
// fixtures of syncprims.go (a goroutine
// blocked on a sync.Mutex is not durably blocked for synctest), skipDone,
// drainer.poll and exported.start (silent by design, they do leak when
// nothing else drains or releases), watchEvents, EnableClock and
// EnableClockNamed (package-level services started by a package-level
// sync.Once, silent by design: they run for the life of the process), crossLeaky (the owner's select would choose
// between a ready send and a cancelled context at random, so the leak is
// real but not deterministic), and the goroutines of cmd and cobracmd started once per
// process (from main, init or a command's Run: they live until the process
// exits by design), the Test functions of choreography_test.go that a test
// leaves parked on purpose (silent by design: TestParkedHelper and its
// subtest form do leak; TestPosterCases leaves one StartPoster-style
// worker per case idle, by design; TestFirstOdd leaves Odds' goroutine
// parked, by design), ThrottlerFor (kept in a registry for the life of
// the process, silent by design), InitMemoryLayer (the package's one
// memory layer, kept in a variable only it sets: silent by design, it runs
// for the life of the process), StartStatsUpdater (a set-up function's
// goroutine, silent by design: it runs for the life of the process), startTicking
// (silent by design: the loop of an object with no Stop or Close) and TestSelfBlocks (its own goroutine blocks, so
// the bubble deadlocks as a whole), and newTempDirQuiet (silent by design:
// cleanupWhenCancelled's other caller passes its own caller's context;
// it leaks like newTempDir), sigLoader.Wait (silent by design: the
// Load that skips the close returns the error to its caller; it leaks
// like quietLoader.Wait), ServeReturning (serveexits.go: it serves a
// network listener, whose accept synctest cannot wait out), and
// leaderProbe (its goroutine spins once
// its context is cancelled: it never blocks, so synctest cannot wait for
// it to settle).
func TestFixturesLeakAtRunTime(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs the fixtures with -race")
	}
	src, err := filepath.Abs("../../testdata/src/goroutineleak")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyGo(t, src, dir)
	copyGo(t, filepath.Join(src, "dep"), filepath.Join(dir, "dep"))
	copyGo(t, filepath.Join(src, "cmd"), filepath.Join(dir, "cmd"))
	copyGo(t, filepath.Join(src, "kernels"), filepath.Join(dir, "kernels"))
	copyGo(t, filepath.Join(src, "cobracmd"), filepath.Join(dir, "cobracmd"))
	copyGo(t, filepath.Join(src, "internal", "pump"), filepath.Join(dir, "internal", "pump"))
	// cobracmd imports the fixtures' stub of github.com/spf13/cobra.
	cobra, err := filepath.Abs("../../testdata/src/github.com/spf13/cobra")
	if err != nil {
		t.Fatal(err)
	}
	copyGo(t, cobra, filepath.Join(dir, "cobra"))
	write(t, filepath.Join(dir, "cobra", "go.mod"), "module github.com/spf13/cobra\n\ngo 1.26\n")
	// failnow_test.go imports a testify-like module of the fixtures.
	testify, err := filepath.Abs("../../testdata/src/example.com/testify")
	if err != nil {
		t.Fatal(err)
	}
	copyGo(t, filepath.Join(testify, "assert"), filepath.Join(dir, "testify", "assert"))
	copyGo(t, filepath.Join(testify, "require"), filepath.Join(dir, "testify", "require"))
	write(t, filepath.Join(dir, "testify", "go.mod"), "module example.com/testify\n\ngo 1.26\n")
	// pipeline.go imports the fixtures' stub of golang.org/x/sync/errgroup.
	xsync, err := filepath.Abs("../../testdata/src/golang.org/x/sync")
	if err != nil {
		t.Fatal(err)
	}
	copyGo(t, filepath.Join(xsync, "errgroup"), filepath.Join(dir, "xsync", "errgroup"))
	copyGo(t, filepath.Join(xsync, "semaphore"), filepath.Join(dir, "xsync", "semaphore"))
	write(t, filepath.Join(dir, "xsync", "go.mod"), "module golang.org/x/sync\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "go.mod"), "module goroutineleak\n\ngo 1.26\n\nrequire (\n\texample.com/testify v0.0.0\n\tgithub.com/spf13/cobra v0.0.0\n\tgolang.org/x/sync v0.0.0\n)\n\nreplace example.com/testify => ./testify\n\nreplace github.com/spf13/cobra => ./cobra\n\nreplace golang.org/x/sync => ./xsync\n")
	write(t, filepath.Join(dir, "runtime_harness_test.go"), harness)
	write(t, filepath.Join(dir, "cmd", "runtime_harness_test.go"), cmdHarness)
	write(t, filepath.Join(dir, "kernels", "runtime_harness_test.go"), kernelsHarness)
	write(t, filepath.Join(dir, "cobracmd", "runtime_harness_test.go"), cobraHarness)
	cmd := exec.Command("go", "test", "-race", "-count=1", "-v", ".", "./cmd", "./kernels", "./cobracmd")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("fixture harness failed: %v\n%s", err, out)
	}
	t.Logf("harness output:\n%s", out)
	for _, name := range []string{"TestBad/fetchLeaky", "TestGood/fetchBuffered", "TestBad/processLeaky", "TestGood/countCtx", "TestBad/subscribeKey", "TestGood/watchKey", "TestBad/fetchTwice", "TestBad/fetchAfterTimeout", "TestGood/fetchPair", "TestGood/fetchOrWait", "TestBad/runAfterOwnSignal", "TestGood/runAfterSignal", "TestBad/exchange", "TestGood/exchangeOrdered", "TestGood/exchangeBuffered",
		"TestBad/gatherLeaky", "TestGood/gatherCounted", "TestBad/readyLeaky", "TestGood/readyDeferred", "TestBad/spreadLeaky", "TestGood/spreadChecked",
		"TestBad/fieldFetchLeaky", "TestGood/fieldFetchBuffered", "TestBad/fieldRunLeaky", "TestGood/fieldRunDeferred", "TestBad/checkLeaky", "TestGood/checkClosed", "TestBad/scanLeaky", "TestGood/scanClosed", "TestBad/runRounds", "TestGood/runRoundsBuffered", "TestGood/runCountedRounds", "TestBad/ContainerWait", "TestBad/BufferReader", "TestGood/ClosingReader", "TestGood/containerWaitBuffered", "TestGood/containerWaitServed", "TestGood/containerWaitRounds", "TestBad/ContainerWaitAsync", "TestBad/StartThenServe", "TestGood/containerWaitAsyncServed", "TestGood/containerWaitRegistered", "TestGood/containerWaitSwapped", "TestBad/NewWitness", "TestGood/newWitnessDrained", "TestGood/newWitnessBuffered", "TestGood/newWitnessDrainAfter",
		"TestBad/gate", "TestGood/gateOpened", "TestBad/reporter", "TestGood/reporterRead", "TestBad/handedNowhere", "TestGood/handedOver",
		"TestGood/drain", "TestBad/queue", "TestGood/queueSignalled", "TestGood/sendAfterClose", "TestBad/refresher", "TestBad/refresherHalfClosed", "TestBad/oneOutcomeEarly", "TestGood/oneOutcome", "TestBad/queryDeferredAlways", "TestBad/dialOrFallback", "TestBad/streamLeaving", "TestBad/negotiateWriteFails", "TestGood/negotiateRounds", "TestGood/negotiateCaptured", "TestGood/dialFirst", "TestBad/soonLogged", "TestBad/queryThenCleanup", "TestGood/queryRecovered", "TestGood/queryRecoveredOrReturn", "TestBad/firstLine", "TestBad/countRetired", "TestBad/countNamesPartial", "TestBad/loadUntilSuccess", "TestGood/loadFirst", "TestGood/countNames", "TestBad/runChild", "TestBad/runNamed", "TestBad/countMentioned", "TestGood/firstLineDrained", "TestBad/tickerStopped", "TestGood/refresherStopped", "TestBad/internalLogger", "TestGood/internalLoggerStopped", "TestBad/logSink", "TestGood/logSinkClosed",
		"TestBad/pump", "TestGood/pumpStopped", "TestBad/recordUpdates", "TestGood/keepPatcher", "TestBad/consumeWithHandler",
		"TestBad/runSoak", "TestBad/firstNumbers", "TestBad/serveStatus", "TestBad/firstCaptureError", "TestGoodRecorder", "TestGoodPushLate", "TestBad/kernelWorker", "TestBad/joinWorkerCancelled", "TestGood/joinWorkers", "TestBad/kernelPoller", "TestBad/feedFromKernel", "TestBad/startSampler", "TestBad/startWatchers", "TestBad/objClock", "TestBad/jitterTicker", "TestGood/jitterTickerReturning", "TestBad/clockAlsoCalled", "TestBad/resettableClock",
		"TestBad/FirstEmittedTwo", "TestBad/showEventsSkewed", "TestGood/showEvents", "TestGood/watchLoopRun", "TestBad/firstOverLeaky", "TestBad/countUntilNegativeLeaky", "TestBad/firstErrorOneSlot",
		"TestBad/serveBackground", "TestBad/serveTODO", "TestGood/serveCancelled",
		"TestBad/runCompactor", "TestBad/compactOnce", "TestGood/runCancelledCompactor", "TestGood/compactOnceCancelled",
		"TestBad/openRows", "TestBad/newTempDir", "TestGood/openClosableRows", "TestGood/openExpiringRows", "TestGood/NewTempDirFor", "TestBad/touchDropped", "TestGood/touchKept",
		"TestBad/fireAndForget", "TestBad/fireAndForgetBlank", "TestGood/awaitFetch", "TestGood/fireBuffered",
		"TestGood/firstOverDrained", "TestGood/firstOverCancelled", "TestGood/sumUntilError", "TestGood/sumOrFirstError", "TestGood/runAllPaced", "TestGood/transferAll", "TestBad/copyInBatches", "TestGood/copyInBatchesChecked", "TestBad/checkAll", "TestGood/runUnpaced", "TestGood/retryEachTry", "TestGood/eventually", "TestGood/firstOfThree",
		"TestBad/sumRelayedUpTo", "TestBad/firstFailure", "TestGood/showUntilDone", "TestGood/FilterStage", "TestGood/consumeNumbers", "TestGood/Pumped",
		"TestBadT/joinOrCheck", "TestGoodT/joinOrFailNow", "TestGoodT/joinOrFail", "TestBad/electLeader", "TestBad/dialTimeout", "TestBad/syncer.waitReady", "TestBad/kernelQueue.close", "TestGoodT/electOrHang",
		"TestBad/firstCount", "TestBad/firstKey", "TestBad/firstOfEach", "TestBad/firstEven", "TestBad/startNumbers", "TestBad/sumNumbersAndErr", "TestGood/sumNumbers", "TestGood/sumNumbersOrErr", "TestGood/countEvents", "TestGood/countSourceEvents", "TestGood/forwardEvents", "TestBad/countEventsUntil",
		"TestBad/pipelineGroup", "TestBad/pipelineStatements", "TestGood/pipelineGroupCtx", "TestGood/pipelineKeepsError", "TestGood/pipelineDrains", "TestGood/pipelineCounted",
		"TestBad/fetchOrGiveUp", "TestBad/giveUpStream.Read", "TestGood/giveUpStream.ReadOrDone", "TestGood/closingStream.Read", "TestBad/stoppableFetcher.fetch", "TestGood/fetchOrGiveUpWatching", "TestGood/fetchDetached", "TestGood/fetchAnswering", "TestGood/fetchClosing", "TestGood/fetchNonBlocking",
		"TestBad/batchWrites", "TestGood/batchWritesDraining", "TestGood/batchWritesReleased", "TestGood/batchWritesStopped",
		"TestBad/pollBot.Start", "TestBad/pollBot.StartJoined", "TestBad/squareEvens", "TestGood/pollBot.StartSelecting", "TestGood/pollBot.StartDraining", "TestGood/squareAllUntil", "TestGood/squareCounted", "TestBad/dispatcher.call", "TestGood/dispatcherBuffered.call",
		"TestBad/registrar.WaitForInitialSync", "TestBad/listenServer.WaitReady", "TestBad/sigLoader.Wait", "TestBad/quietLoader.Wait", "TestBad/dialer.WaitConnected", "TestGood/atomicCloser.Wait", "TestGood/getterCloser.Wait", "TestGood/statusService.Wait", "TestGood/leaderProbeReturning", "TestGood/ctxWokenQueue.close", "TestGood/cellPublisher.WaitStarted", "TestGood/deferredRunner.Wait", "TestGood/flagCloser.Done", "TestGood/casCloser.Wait", "TestGood/selectCloser.Wait", "TestGood/ctxRegistrar.WaitForInitialSync", "TestGood/closingLoader.Wait", "TestGood/stoppableRegistrar.Wait",
		"TestBad/NilWatcher.WaitStopped", "TestBad/NilWatcher.Ack", "TestGood/NilWatcher.Next", "TestGood/ArmedWatcher", "TestBad/receiveStages", "TestGood/receiveUntilFailure",
		"TestBad/collectAfterWait", "TestBad/collectGroupAfterWait", "TestGood/collectBuffered", "TestGood/collectWhileWaiting", "TestBad/feedWorkers", "TestGood/feedKeepingWorkers", "TestBad/feedGroupSlots", "TestGood/feedGroupAllItems", "TestGood/feedGroupOnePerWorker", "TestBad/folderWatcher.Stop", "TestBad/taggedStream.Stop", "TestBad/kindOf", "TestGood/stressRounds", "TestBad/receiveReplyTwice", "TestGood/receiveReply", "TestGood/firstCulprit", "TestBad/collectPortsShort", "TestGood/collectPorts", "TestBad/encodeAllShort", "TestGood/encodeAll", "TestBad/twoStageStopper.StopEither", "TestGood/twoStageStopper.StopTimeout", "TestGood/startTrio", "TestBad/runWithRecover", "TestBad/validateAll", "TestBad/startServers", "TestBad/createLayerPairs", "TestGood/createLayers", "TestBad/registerViews", "TestGood/validateEach", "TestGood/startServersFirstError", "TestGood/startPair", "TestGood/registerViewsOnce", "TestGood/runWithRecoverBuffered", "TestBad/pulse.Close", "TestGood/drainedStream.Stop", "TestGood/stoppableStream.Stop", "TestGood/selectingWatcher.Stop", "TestBad/firstAlive", "TestGood/firstAliveDeferred", "TestGood/allProbes", "TestGood/pollListenFailure", "TestGood/sentinelPool.Stop", "TestBad/Hub.Subscribe", "TestGood/ClosingHub.Subscribe", "TestBad/LeaseKeeper.Revoke", "TestGood/EndingKeeper.Revoke", "TestBad/firstFamilyUnbuffered", "TestGood/firstFamily", "TestBad/NewNilStopDiscovery", "TestBad/debounce", "TestBad/heartbeat", "TestBad/flusher.flushLoop", "TestBad/pollEvery", "TestGood/debounceCaseReset", "TestGood/debounceFlag", "TestGood/debounceNonBlocking", "TestGood/pollEveryReset", "TestBad/collectGroupCtxAfterWait", "TestGood/collectGroupCtxWhileWaiting", "TestBad/scoreAll", "TestGood/scoreAllOwn", "TestBad/superviseAgent", "TestBad/indexedStore.Lookup", "TestGood/indexedStore.LookupLogged", "TestBad/logTailer.Count", "TestGood/logTailer.CountClosed", "TestBad/lookupServer.Get", "TestBad/fetchServer.Fetch", "TestGood/answeringServer.Get", "TestGood/handingServer.Fetch", "TestGood/waitingServer.Get", "TestBad/statServer.Stat", "TestGood/countServer.Count", "TestBad/ServeBoth", "TestBad/spareLayerDropped", "TestBad/layerReloaded", "TestBad/ChanBroker", "TestGood/ClosingChanBroker", "TestGood/DrainingChanBroker", "TestGood/retrySource.Serve", "TestBad/eagerSource.Serve", "TestBad/pollWatcher.watch", "TestBad/pollWatcher.watchTimedOut", "TestGood/pollWatcher.watchBuffered", "TestBad/activation.waitActive", "TestBad/activation.takeFirst", "TestGood/activation.waitActiveLooping", "TestGood/activation.takeFirstLocked", "TestBad/startPull", "TestBad/startWatchedPull", "TestBad/sampleFor", "TestBad/askedSampler", "TestBad/pollingWatcher", "TestBad/oneShotWatch", "TestBad/ctxForwarder", "TestGood/carefulOneShotWatch", "TestGood/carefulAskedSampler", "TestGood/sampleForStopping", "TestGood/startKeptWatchedPull", "TestGood/startStoppedWatchedPull", "TestBad/monitoredLock.lock", "TestGood/startPullDraining", "TestGood/startPullDrainAfter", "TestBad/pollUntil", "TestGood/pollUntilBuffered", "TestBad/serveUntilDoneOpen", "TestBad/serveUntilDoneOther", "TestGood/serveUntilDone", "TestGood/serveUntilDoneClosing", "TestGood/serveEitherUntilDone", "TestBad/streamReader.Finish", "TestGood/streamReader.Recv", "TestBad/dialRaceLossy", "TestBad/dialRaceRepeating", "TestGood/dialRace", "TestGood/dialRaceNone", "TestGood/batcher", "TestBad/startRotatingWhenReady", "TestBad/startRotatingSkippable", "TestGood/startRotating", "TestGood/indexer.buildQueued", "TestBad/firstAnswerOrTimeout", "TestGood/firstAnswerOrTimeoutBuffered",
		"TestBad/selfJoinConn", "TestBad/selfJoinPipe", "TestBad/selfJoinDeferConn", "TestGood/selfJoinAsync", "TestGood/selfJoinBounded", "TestGood/selfJoinClosedFirst", "TestGood/selfJoinNode", "TestGood/selfJoinDeferOK",
		"TestBad/echo", "TestBad/echoStatus", "TestGood/echoDone", "TestGood/echoQuit", "TestGood/echoCounted", "TestGood/echoKeep"} {
		if !strings.Contains(string(out), "--- PASS: "+name) {
			t.Errorf("harness did not run %s:\n%s", name, out)
		}
	}
}

func copyGo(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".go" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if strings.HasSuffix(e.Name(), "_test.go") {
			// A fixture's Test functions are driven by the harness, under
			// synctest, not run by go test itself (TestSelfBlocks would hang).
			text = strings.ReplaceAll(text, "func Test", "func fixtureTest")
		}
		write(t, filepath.Join(to, e.Name()), text)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// harnessLeaks and harnessTestBad are the parts every package's harness
// shares: leaks runs f in a synctest bubble and reports whether it left a
// goroutine durably blocked; TestBad asks that of every bad fixture.
const harnessLeaks = `
func leaks(t *testing.T, f func()) (leaked bool) {
	defer func() {
		if r := recover(); r != nil {
			if !strings.Contains(fmt.Sprint(r), "blocked goroutines remain") {
				panic(r)
			}
			leaked = true
		}
	}()
	synctest.Test(t, func(t *testing.T) {
		f()
		time.Sleep(time.Hour)
		synctest.Wait()
	})
	return false
}
`

const harnessTestBad = `
func TestBad(t *testing.T) {
	for name, f := range bad {
		t.Run(name, func(t *testing.T) {
			if !leaks(t, f) {
				t.Errorf("%s: no goroutine was left blocked", name)
			}
		})
	}
}
`

// cmdHarness proves the bad fixtures of package main (cmd): a goroutine
// started per iteration or per request is left blocked. The good ones
// (a goroutine started once per process) are not run: they are meant to
// live until the process exits, which a test cannot tell from a leak.
const cmdHarness = `package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

` + harnessLeaks + `

var bad = map[string]func(){
	"runSoak":     func() { runSoak([]string{"a", "b"}) },
	"serveStatus": func() { serveStatus(nil, &http.Request{URL: &url.URL{Path: "/status"}}) },
	"loadPlugins": func() { loadPlugins([]func() error{slowLoad}) },
	"flush":       func() { flush(nil, nil) },
	"firstCaptureError": func() { _ = firstCaptureError(&Recorder{}, failingCapture) },
	"firstNumbers":      func() { _ = firstNumbers(2) },
}

// failingCapture fails every frame.
func failingCapture() error { return fmt.Errorf("capture") }

// TestGoodRecorder: recordAll drains Record to its close, which its
// deferred cancel brings about: nothing is left.
func TestGoodRecorder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		recordAll(ctx, &Recorder{}, failingCapture)
	})
}

// TestGoodPushLate: dep's relay, given the fake through its interface,
// receives the late update; closing stop ends it: nothing is left.
// (pushLost, the bad twin, blocks the caller's own goroutine: the bubble
// deadlocks as a whole, so it is not run, like TestSelfBlocks.)
func TestGoodPushLate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stop := make(chan struct{})
		pushLate(stop)
		close(stop)
		synctest.Wait()
	})
}

// slowLoad outlasts loadPlugin's timeout.
func slowLoad() error {
	time.Sleep(2 * time.Second)
	return nil
}

` + harnessTestBad + `
`

// cobraHarness proves the bad fixtures of the command tree declared
// outside package main (cobracmd): a goroutine started per round, per
// argument or per request is left blocked. The good ones (started once by
// the invoked command's action) are not run, as in cmd.
const cobraHarness = `package cobracmd

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

` + harnessLeaks + `

func slowGet(string) error {
	time.Sleep(2 * time.Second)
	return nil
}

var bad = map[string]func(){
	"runSoak":  func() { runSoak(nil, []string{"a", "b"}) },
	"fetchAll": func() { _ = fetchAll([]string{"a", "b"}, slowGet) },
	"handle":   func() { handle(nil, &http.Request{URL: &url.URL{Path: "/"}}) },
}

` + harnessTestBad + `
`

// kernelsHarness proves the bad fixtures of the package made only of tests
// (kernels): the goroutines its tests and helpers leave blocked.
const kernelsHarness = `package kernels

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

` + harnessLeaks + `

var bad = map[string]func(){
	"dialTimeout": func() {
		_ = dialTimeout(context.Background(), func() error { time.Sleep(10 * time.Millisecond); return errors.New("refused") })
	},
	"kernelWorker":   func() { fixtureTestKernelWorker(nil) },
	"kernelPoller":   func() { fixtureTestKernelPoller(nil) },
	"feedFromKernel": func() { fixtureTestFeedFromKernel(nil) },
	"electLeader":    func() { go electLeader(func() bool { return false }) },
	"kernelQueue.close": func() {
		q := newKernelQueue()
		go func() { _, _ = q.get() }()
		time.Sleep(time.Millisecond)
		q.close()
	},
	"syncer.waitReady": func() {
		s := &syncer{synced: func() bool { return false }, ready: make(chan struct{})}
		s.run()
		go s.waitReady()
	},
}

` + harnessTestBad + `

// The fixtures of failnow_test.go take the running test (testify's
// require helpers are handed it).
var badT = map[string]func(*testing.T){
	"joinOrCheck": func(t *testing.T) { joinOrCheck(t, true) },
}

var goodT = map[string]func(*testing.T){
	"electOrHang":   fixtureTestElectOrHang,
	"joinOrFailNow": fixtureTestJoinOrFailNow,
	"joinOrFail":    fixtureTestJoinOrFail,
}

func TestBadT(t *testing.T) {
	for name, f := range badT {
		t.Run(name, func(t *testing.T) {
			if !leaks(t, func() { f(t) }) {
				t.Errorf("%s: no goroutine was left blocked", name)
			}
		})
	}
}

func TestGoodT(t *testing.T) {
	for name, f := range goodT {
		t.Run(name, func(t *testing.T) {
			if leaks(t, func() { f(t) }) {
				t.Errorf("%s: a goroutine was left blocked", name)
			}
		})
	}
}
`

// harness drives every proven fixture. Workers that "take a while" sleep
// on synctest's fake clock, so the owner's timeout or cancellation wins
// deterministically.
const harness = `package goroutineleak

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"goroutineleak/dep"
)

var errBad = errors.New("bad")

func slow() int { time.Sleep(2 * time.Second); return 1 }
func slowTrue() bool { time.Sleep(2 * time.Second); return true }

func failing() error { return errBad }

// failAfter returns a source of n values, then an error.
func failAfter(n int) func() (int, error) {
	return func() (int, error) {
		if n == 0 {
			return 0, errBad
		}
		n--
		return n, nil
	}
}

func failOn(n int) func(int) error {
	return func(v int) error {
		if v == n {
			return errBad
		}
		return nil
	}
}

// timedDials returns dialers for winner.go: dialer i answers after i
// milliseconds, with connection i when ok[i], else with errBad.
func timedDials(ok ...bool) []func() (int, error) {
	var out []func() (int, error)
	for i, good := range ok {
		out = append(out, func() (int, error) {
			time.Sleep(time.Duration(i) * time.Millisecond)
			if !good {
				return 0, errBad
			}
			return i, nil
		})
	}
	return out
}

// keyWatcher's Watch ends with its context and closes its channel; its
// Subscribe is a backlog of events that nothing ever closes.
type keyWatcher struct{}

func (keyWatcher) Watch(ctx context.Context, key string) <-chan Event {
	ch := make(chan Event)
	go func() {
		defer close(ch)
		for {
			select {
			case ch <- Event{Key: key}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

func (keyWatcher) Subscribe(key string) <-chan Event {
	ch := make(chan Event, 20)
	for range 20 {
		ch <- Event{Key: key}
	}
	return ch
}

func withTimeout(f func(ctx context.Context)) func() {
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		f(ctx)
	}
}

// leaks runs f in a bubble and reports whether a goroutine was left
// durably blocked once f returned and the clock ran out.
func leaks(t *testing.T, f func()) (leaked bool) {
	defer func() {
		if r := recover(); r != nil {
			if !strings.Contains(fmt.Sprint(r), "blocked goroutines remain") {
				panic(r)
			}
			leaked = true
		}
	}()
	synctest.Test(t, func(t *testing.T) {
		f()
		time.Sleep(time.Hour)
		synctest.Wait()
	})
	return false
}

var errTasks = []func() error{failing, failing, failing}
var okTasks = []func() error{func() error { return nil }, failing, func() error { return nil }}
var mirrors = []func() int{slow, slow, slow}

// readThree reads three messages, then fails (the peer went away).
func readThree() func() (string, error) {
	n := 0
	return func() (string, error) {
		n++
		if n > 3 {
			return "", errWriteEach
		}
		return "x", nil
	}
}

var bad = map[string]func(){
	"selfJoinConn":      func() { newConn(func() error { return errSelfJoin }) },
	"echo":              func() { go echo(readThree(), &wsConn{broken: true}) },
	"echoStatus": func() {
		stop := make(chan struct{})
		echoStatus(&wsConn{broken: true}, stop)
		time.Sleep(3 * time.Second)
		close(stop)
	},
	"selfJoinPipe":      func() { p := newPipe(); p.in <- -1 },
	"selfJoinDeferConn": func() { newDeferConn(func() error { return errSelfJoin }) },
	"blockingQueue.close": func() { q := newBlockingQueue(); go q.get(); time.Sleep(time.Millisecond); q.close() },
	"transport.handshake": func() { go newTransport().handshake(nil) },
	"collect":             func() { _ = collect(func() (string, error) { return "", errBad }, 2, func([]string) {}) },
	"loadOnce.get": func() {
		c := newLoadOnce(func() ([]byte, error) { return nil, errBad })
		_, _ = c.get()
		go c.get()
	},
	"StartChildAgent": func() {
		_ = StartChildAgent(func() error { return nil }, func() error { time.Sleep(time.Second); return nil })
	},
	"indexer.build": func() { go (&indexer{index: map[string]int{}}).build([]string{"a", "b"}, 2) },
	"writerSession.Close": func() { s := newWriterSession(nopWriteCloser{}); s.send([]byte("x")); _ = s.Close() },
	"twoStageStopper.StopEither": func() {
		c := &twoStageStopper{}
		c.fetchers.Add(1)
		c.workers.Add(1)
		go func() { _ = c.StopEither(time.Millisecond); c.fetchers.Done(); c.workers.Done() }()
	},
	"collectPortsShort": func() { go collectPortsShort(func() int { return 1 }) },
	"encodeAllShort":    func() { go encodeAllShort(func() ([]byte, error) { return nil, nil }) },
	"receiveReplyTwice": func() { _, _ = receiveReplyTwice(1, time.Second, time.Millisecond) },
	"validateAll":   func() { go validateAll([]string{"", ""}) },
	"startServers":  func() { go startServers([]string{"", ""}) },
	// joinoverflow.go: 510 IDs, each of whose creates may fail, 256 slots.
	"createLayerPairs": func() { go createLayerPairs(func(string) error { return errCheck }) },
	"registerViews": func() { go func() { _ = registerViews(context.Background(), []string{"", ""}) }() },
	"runWithRecover": func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		_, _ = runWithRecover(ctx, func() (string, error) { time.Sleep(time.Second); return "late", nil })
	},
	"kindOf": func() {
		s := kindOf(newFakeWrapSource(wrapEvent{"a"}, wrapEvent{"b"}))
		<-s.Events()
		s.Stop()
	},
	"taggedStream.Stop": func() {
		s := tagStream(newFakeWrapSource(wrapEvent{"a"}, wrapEvent{"b"}))
		<-s.Events()
		s.Stop() // the reader leaves: "b" is never taken
	},
	"pulse.Close": func() {
		p := newPulse(closedEvents())
		<-p.C()
		p.Close()
	},
	"sampler.Close": func() {
		p := newSampler(func() float64 { return 1 }, time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		p.Close()
	},
	"Gate.Open": func() {
		g := NewGate()
		go g.Wait()
		go g.Wait()
		time.Sleep(time.Millisecond)
		g.Open()
	},
	"lessor.revoke": func() { l := newLessor(); l.grant(1); l.revoke(1) },
	"elector.run": func() { go (&elector{id: "a", tryLease: func(string) bool { return false }}).run() },
	"fetchOrGiveUp": func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		go fetchOrGiveUp(ctx, func() { time.Sleep(time.Second) })
	},
	"giveUpStream.Read": func() {
		ctx, cancel := context.WithCancel(context.Background())
		s := newGiveUpStream(ctx)
		cancel()
		go func() {
			time.Sleep(time.Second)
			_ = s.Read()
		}()
	},
	"stoppableFetcher.fetch": func() {
		f := newStoppableFetcher()
		f.Close()
		go f.fetch(func() { time.Sleep(time.Second) })
	},
	"firstAlive": func() {
		go func() { _, _ = firstAlive([]string{"a", "b"}, func(string) error { return errors.New("dead") }) }()
	},
	"pipelineGroup":      func() { go pipelineGroup(context.Background(), []int{1, -1, 2, 3}) },
	"pipelineStatements": func() { go pipelineStatements([]int{1, -1, 2, 3, 4}) },
	"batchWrites":        func() { go batchWrites([]int{1, -1, 2, 3, 4}) },
	"registrar.WaitForInitialSync": func() {
		r := newRegistrar(func() bool { return false })
		stop := make(chan struct{})
		close(stop)
		r.Run(stop) // the caches never sync: Run returns before its close
		go r.WaitForInitialSync()
	},
	"listenServer.WaitReady": func() {
		s := newListenServer(func() error { return errors.New("address in use") })
		s.Start()
		go s.WaitReady()
	},
	"dialer.WaitConnected": func() {
		d := newDialer(func() error { return errors.New("refused") })
		d.Run()
		go d.WaitConnected()
	},
	"quietLoader.Wait": func() {
		l := newQuietLoader(func() error { return errors.New("unreachable") })
		_ = l.Load()
		go l.Wait()
	},
	"sigLoader.Wait": func() {
		l := newSigLoader(func() error { return errors.New("unreachable") })
		_ = l.Load()
		go l.Wait()
	},
	"pollBot.Start": func() {
		b := newPollBot(func() []pollUpdate { return []pollUpdate{{1}, {2}} }) // always news: the poller never looks at stop
		go b.Start()
		go b.Stop()
	},
	"pollBot.StartJoined": func() {
		b := newPollBot(func() []pollUpdate { return []pollUpdate{{1}, {2}} }) // always news: the poller never looks at stop
		go b.StartJoined()
		go b.Stop()
	},
	"squareEvens": func() { go squareEvens() },
	"dispatcher.call": func() {
		d := newDispatcher()
		_, _ = d.call(cancelled(), 1)
		d.deliver(1, "late") // the loop takes it and blocks handing it over
		d.close()
	},
	"collectAfterWait":       func() { go collectAfterWait([]string{"a", "", "b"}) },
	"collectGroupAfterWait":  func() { go collectGroupAfterWait(context.Background(), []string{"a", "b"}) },
	"NewNilStopDiscovery":    func() { _ = NewNilStopDiscovery(time.Millisecond, func() {}) },
	"firstFamilyUnbuffered":  func() { _ = firstFamilyUnbuffered(func(string) error { return nil }) },
	"LeaseKeeper.Revoke":     func() { k := NewLeaseKeeper(func(int) {}); k.Grant(1, 3*time.Millisecond); k.Revoke(1) },
	"Hub.Subscribe":          func() { h := NewHub(); _, cancel := h.Subscribe(); cancel() },
	"folderWatcher.Stop":     func() { w := newFolderWatcher(); w.Notify(folderEvent{"a"}); time.Sleep(time.Millisecond); w.Stop() }, // the sleep lets the loop reach its receive (synctest advances time only once all are blocked)
	"feedWorkers":            func() { go feedWorkers([]stageItem{{-1}, {-2}, {3}, {4}}) },
	"feedGroupSlots":         func() { go feedGroupSlots([]stageItem{{-1}, {-2}, {3}, {4}, {5}}, 2) },
	"receiveStages":          func() { _ = receiveStages(func() (stageItem, error) { return stageItem{-1}, nil }) },
	"NilWatcher.WaitStopped": func() { go NewNilWatcher().WaitStopped() },
	"NilWatcher.Ack":         func() { go NewNilWatcher().Ack(1) },
	"debounce": func() {
		events := make(chan string)
		go debounce(events, func() {})
		time.Sleep(1500 * time.Millisecond) // the timer's case fires, then the drain waits
		close(events)
	},
	"heartbeat": func() {
		in := make(chan int)
		go heartbeat(in, func() {})
		time.Sleep(1500 * time.Millisecond)
		close(in)
	},
	"flusher.flushLoop": func() {
		f := newFlusher()
		stop := make(chan struct{})
		go f.flushLoop(stop)
		time.Sleep(1500 * time.Millisecond)
		close(stop)
	},
	"pollEvery": func() { go pollEvery(func() bool { return false }) },
	"collectGroupCtxAfterWait": func() { go collectGroupCtxAfterWait(context.Background(), []string{"a", "b"}) },
	"scoreAll": func() { go scoreAll([][]string{{"a"}, {"b", "c"}}) },
	"superviseAgent": func() {
		superviseAgent(func() error { return nil }, func() bool { return false }, 2)
	},
	"indexedStore.Lookup": func() {
		s := &indexedStore{index: func(string) error { time.Sleep(time.Second); return nil }}
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		_ = s.Lookup(ctx, "a")
	},
	"logTailer.Count": func() {
		t := &logTailer{open: func() ([]string, error) { return nil, errors.New("gone") }}
		go t.Count()
	},
	"lookupServer.Get": func() {
		s := &lookupServer{reqs: make(chan keyReq), m: map[string]int{}}
		go s.serve()
		go s.Get("missing")
		synctest.Wait() // the server took the request and waits for the next
		close(s.reqs)   // the server ends; the client still waits
	},
	"fetchServer.Fetch": func() {
		s := &fetchServer{reqs: make(chan *fetchReq), fetch: func(string) error { return nil }, open: func() error { return errors.New("down") }}
		go s.serve()
		go s.Fetch("a")
	},
	"statServer.Stat": func() {
		s := &statServer{reqs: make(chan statReq), quit: make(chan struct{}), stats: map[string]int{}}
		go s.run()
		go s.Stat("x")
		synctest.Wait()
		close(s.quit) // the server ends; the client still waits
	},
	"ServeBoth": func() {
		fail := func() error { return errors.New("a") }
		slow := func() error { time.Sleep(time.Second); return errors.New("b") }
		_ = ServeBoth(context.Background(), fail, slow)
	},
	// registry.go: a layer dropped by another function, and one replaced by a
	// setter that looks at the old one first.
	"spareLayerDropped": func() { InitSpareLayer(1); DropSpareLayer() },
	"layerReloaded":     func() { ReloadLayer(1); ReloadLayer(2) },
	// afterfunc.go: the poll succeeds; the deadline's send finds no receiver.
	"pollUntil": func() {
		pollUntil(time.Second, func() bool { return true })
		time.Sleep(2 * time.Second)
	},
	// timerretry.go: the first timer fires while the first run goes on.
	// pollwatch.go: a successful watch leaves the timeout goroutine
	// blocked; a timed-out one leaves the poll still running.
	"pollWatcher.watch": func() {
		w := &pollWatcher{ctx: context.Background(), poll: func() (string, error) { return "ready", nil }}
		_, _ = w.watch(func(o string, err error) (bool, error) { return o == "ready", err }, time.Minute)
	},
	"pollWatcher.watchTimedOut": func() {
		w := &pollWatcher{ctx: context.Background(), poll: func() (string, error) { time.Sleep(time.Minute); return "", nil }}
		_, _ = w.watch(func(string, error) (bool, error) { return false, nil }, time.Second)
	},
	// condcheck.go: the flag is set and broadcast while the waiter is
	// between its check and its Lock.
	// selfjoin.go: the monitor, told its lock is lost, waits for itself.
	"monitoredLock.lock": func() {
		m := newMonitoredLock()
		m.lock()
		m.loseLock()
	},
	// fieldconsumer.go: the helper stops at the first failed show.
	"startPull": func() {
		_ = startPull(5, func(progress) error { return errShowFailed })
	},
	// stopblind.go: the caller reads once, sleeps until the loop is in
	// its next send, and closes: nothing reads again.
	"askedSampler": func() {
		p := newAskedSampler(time.Millisecond)
		p.Next()
		time.Sleep(5 * time.Millisecond)
		p.Close()
	},
	// oneshotstop.go: the watch took its error case and sends; its
	// reader never reads and stops it.
	"oneShotWatch": func() {
		w, _ := NewOneShotWatch(func() error { return errWatchCompacted })
		time.Sleep(time.Millisecond)
		w.Stop()
	},
	"ctxForwarder": func() {
		f, _ := NewCtxForwarder()
		f.Put(1)
		time.Sleep(time.Millisecond)
		f.Stop()
	},
	"pollingWatcher": func() {
		w := newPollingWatcher()
		w.Next()
		time.Sleep(time.Millisecond)
		w.Stop()
	},
	// tickerstop.go: the ticker is stopped, its channel never closed.
	"sampleFor": func() { sampleFor(&tickStats{}, 5*time.Millisecond) },
	// fieldconsumer.go: the watcher goroutine stops at the first failed show.
	"startWatchedPull": func() {
		startWatchedPull(5, func(progress) error { return errShowFailed }, func(error) {})
	},
	// (the window hands over to the waker: no data race on the check)
	"activation.waitActive": func() {
		a := newActivation()
		checked, proceed := make(chan bool), make(chan bool)
		a.window = func() { checked <- true; <-proceed }
		go a.waitActive()
		<-checked
		a.activate()
		close(proceed)
	},
	"activation.takeFirst": func() {
		a := newActivation()
		checked, proceed := make(chan bool), make(chan bool)
		a.window = func() { checked <- true; <-proceed }
		go a.takeFirst()
		<-checked
		a.push(1)
		close(proceed)
	},
	"eagerSource.Serve": func() {
		s := &eagerSource{run: func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }, pause: time.Second}
		ctx, cancel := context.WithCancel(context.Background())
		go func() { time.Sleep(1500 * time.Millisecond); cancel() }()
		s.Serve(ctx)
	},
	// chanmap.go: Unsubscribe forgets the channel without closing it.
	"ChanBroker": func() {
		b := NewChanBroker()
		b.Publish("x")
		b.Unsubscribe(b.Subscribe(func(string) {}))
	},
	// serverclosed.go: the owner returns on its context without shutting
	// the server down (or shuts another down); the listener fails later.
	"serveUntilDoneOpen": func() {
		l := newChanListener()
		_ = serveUntilDoneOpen(cancelled(), l)
		l.fail()
		time.Sleep(time.Second)
	},
	"serveUntilDoneOther": func() {
		l := newChanListener()
		_ = serveUntilDoneOther(cancelled(), l, &http.Server{})
		l.fail()
		time.Sleep(time.Second)
	},
	// lostwakeup.go: Finish(quiet) sets done and returns without a wakeup.
	"streamReader.Finish": func() { r := newStreamReader(); go r.Read(); time.Sleep(time.Millisecond); r.Finish(true) },
	// winner.go: dialers that answer after their index's milliseconds
	"dialRaceLossy":     func() { go func() { _, _ = dialRaceLossy(timedDials(true)) }() },
	// startvalue.go: the goroutine stops before it sends; its starter waits on.
	"startRotatingWhenReady": func() {
		stop := make(chan struct{})
		close(stop)
		go startRotatingWhenReady(stop, func() bool { return false })
	},
	"startRotatingSkippable": func() {
		stop := make(chan struct{})
		close(stop)
		go startRotatingSkippable(stop, true)
	},
	"dialRaceRepeating": func() { _, _ = dialRaceRepeating(timedDials(true, false, true, false, true)) },
	"barrier.arrive":      func() { b := newBarrier(3); go b.arrive(false); time.Sleep(time.Millisecond); b.arrive(true) },
	"drainQueue.close":    func() { q := newDrainQueue(); go q.get(); time.Sleep(time.Millisecond); q.close() },
	"openSession": func() { openSession(func() {}) },
	"dialFirstVia": func() { _ = dialFirstVia(func(string) error { return nil }, []string{"a", "b", "c"}) },
	"Compact": withTimeout(func(ctx context.Context) { _ = Compact(ctx, func() error { time.Sleep(2 * time.Second); return nil }) }),
	"exchangeGreetings": func() { go exchangeGreetings(func() []byte { return nil }, func() []byte { return nil }, func([]byte) {}, func([]byte) {}) },
	"startHeartbeat":   func() { startHeartbeat(func() {}, time.Second).Stop() },
	"startWatcherDone": func() { startWatcherDone(func() {}) },
	"openRows":         func() { openRows() },
	"touchDropped":     func() { touchDropped() },
	"newTempDir":       func() { newTempDir(func() {}) },
	"awaitWatched": func() { _, _ = awaitWatched(func() int { time.Sleep(time.Second); return 1 }, time.Millisecond) },
	"indexedStore.Put": func() { _ = (&indexedStore{put: func(string) error { return errBad }, index: func(string) error { return nil }}).Put("d") },
	"warmAll": func() { _ = warmAll([]string{"a", "b", "c"}, func(string) error { return errBad }) },
	// joinwait.go: the owner deadlocks with its worker, so it runs in a goroutine of the bubble
	"processInLoop": func() { go processInLoop([]int{1, 2}, 2, func(int) {}) },
	// joinbeforestop.go: Stop waits for workers that wait for Stop's signal
	// fieldsignal.go, lostwakeup.go: the failure recorded for a waiter that never gets past its wait
	"resultConn.Wait":             func() { c := newResultConn(failing); _ = c.Start(); go func() { _ = c.Wait() }() },
	"activatedPlugin.waitActive": func() { p := newActivatedPlugin(failing); _ = p.activate(); go func() { _ = p.waitActive() }() },
	// onceinloop.go: a copier per command after the first, more than the buffer holds
	"runPipeEach": func() {
		_ = runPipeEach([]string{"a", "b", "c", "d"}, func(c string) error {
			if c == "d" {
				return errBad
			}
			return nil
		}, func(string) error { return nil })
	},
	"ctxWorkers.Close":   func() { w := newCtxWorkers(func() {}); go w.Close() },
	"watchUntilDone":     func() { go watchUntilDone(func(context.Context) {}) },
	"runCompactor":       func() { go runCompactor(func() {}) },
	"compactOnce":        func() { go compactOnce(func() {}) },
	"stopper.stop":       func() { s := newStopper(); startGossip(s, func() {}); go s.stop() },
	"workerPool.Close":   func() { p := newWorkerPool(2, func(int) {}); go p.Close() },
	"drainPool.Shutdown": func() { p := newDrainPool(); p.tasks <- func() {}; go p.Shutdown() },
	"serveUntilStopped":  func() { go func() { _ = serveUntilStopped(func() {}) }() },
	"waitThenStart": func() { go waitThenStart(func() {}) },
	"awaitHandoff":    func() { _, _ = awaitHandoff(func() string { time.Sleep(time.Second); return "x" }, time.Millisecond) },
	"uploadAll":       func() { _ = uploadAll([]int{1, 2, 3}, failOn(1)) },
	// stages.go: a stage over the caller's channel, a consumer that stops at its own limit
	"sumRelayedUpTo": func() { sumRelayedUpTo(intsClosed(1, 2, 3, 4), 2) },
	// stages.go: a source that reports a failure and goes on
	"firstFailure": func() { firstFailure([]string{"a", "x", "b", "c"}, func(s string) bool { return s == "x" }) },
	// correlated.go: json, preview, !stream starts the forwarder and skips its reader
	"showEventsSkewed":  func() { showEventsSkewed(closedEvents(), true, true, false) },
	"FirstEmitted":      func() { FirstEmitted([]int{1, -1}) },
	"FirstEmittedTwo":   func() { FirstEmitted([]int{1, 2}) },
	"checkAll":          func() { checkAll([]int{1, 2, 3}, failing) },
	"copyInBatches": func() {
		copyInBatches([]string{"a", "b", "c", "d"}, func(p string) error {
			if p == "c" {
				return errBad
			}
			return nil
		}, func(string) error { time.Sleep(time.Second); return nil })
	},
	"fireAndForget":     func() { fireAndForget(failing) },
	"serveBackground":   func() { serveBackground(&bgConn{}) },
	"serveTODO":         func() { serveTODO(&bgConn{}) },
	"fireAndForgetBlank": func() { fireAndForgetBlank(failing) },
	"firstOverLeaky":    func() { firstOverLeaky([]int{1, 5, 6}, 3) },
	"countUntilNegativeLeaky": func() { countUntilNegativeLeaky([]int{1, -1, 2}) },
	"firstErrorOneSlot": func() { firstErrorOneSlot(errTasks) },
	"fetchLeaky":        withTimeout(func(ctx context.Context) { fetchLeaky(ctx, slow) }),
	"fetchTimeout":      func() { fetchTimeout(slow) },
	"loadEarlyReturn":   func() { loadEarlyReturn(failing, slow) },
	"twoSends":          func() { twoSends(slow) },
	"firstErrorLeaky":   func() { firstErrorLeaky(errTasks) },
	"fastestLeaky":      func() { fastestLeaky(mirrors) },
	"firstAnswerOrTimeout": func() {
		_, _ = firstAnswerOrTimeout([]func() int{func() int { return 1 }, func() int { return 2 }, func() int { return 3 }}, time.Hour)
	},
	"processLeaky":      func() { processLeaky([]int{1, 2, 3}, func(int) {}, failOn(2)) },
	"watchLeaky":        func() { watchLeaky(failing, func() {}) },
	"countLeaky":        func() { <-CountLeaky(10) },
	"firstCount":        func() { _ = firstCount() },
	"firstKey":          func() { _ = firstKey(context.Background(), keyWatcher{}) },
	"firstOfEach":       func() { _ = firstOfEach() },
	"firstEven":         func() { _ = firstEven(10) },
	"startNumbers":      func() { startNumbers(3) },
	"sumNumbersAndErr":  func() { _, _ = sumNumbersAndErr(200) },
	"countEventsUntil": func() {
		stop := make(chan struct{})
		close(stop)
		_ = countEventsUntil(func() (int, error) { return 1, nil }, stop)
	},
	"countRetired":      func() { <-CountRetired(10) },
	"countNamesPartial": func() { _, _ = countNamesPartial([]string{"a", "b"}, true) },
	"loadUntilSuccess": func() {
		events, stop, timeout := make(chan struct{}), make(chan struct{}), make(chan struct{})
		close(timeout)
		_ = loadUntilSuccess(events, func() error { return errTimeout }, stop, timeout)
		events <- struct{}{}
		events <- struct{}{}
	},
	"runChild": func() {
		_ = RunChild(func() error { return nil }, func([]string) error { return errors.New("start") })
	},
	"runNamed": func() {
		_ = RunNamed(func() error { return nil }, func(string) error { return errors.New("start") })
	},
	"countMentioned":    func() { <-CountMentioned(10) },
	"fetchTwice":        func() { go fetchTwice(func() int { return 1 }) },
	"runAfterOwnSignal": func() { runAfterOwnSignal(func() {}) },
	"exchange":          func() { go exchange(1, func(int) {}) },
	"fetchAfterTimeout": func() { go fetchAfterTimeout(func() int { return 1 }) },
	"subscribeKey":      func() { <-SubscribeKey(context.Background(), keyWatcher{}, "k") },
	"feedStopped":       func() { (&feedStopped{n: 3, next: func() int { return 1 }}).first(1) },
	"startLeaky":        withTimeout(func(ctx context.Context) { (&worker{work: slow}).startLeaky(ctx) }),
	"feedLeaky":         func() { feedLeaky([]int{1, 2}, func(int) {}, failOn(2)) },
	"firstOf":           withTimeout(func(ctx context.Context) { firstOf(ctx, slow) }),
	"threeWorkers":      func() { threeWorkers(slow) },
	"crossConsumeLeaky": func() { crossConsumeLeaky([]int{1}, func(int) {}, failOn(1)) },
	"interruptMisflagged": func() {
		in := make(chan *int, 2)
		neg, zero := -1, 0
		in <- &neg
		in <- nil
		_ = zero
		interruptMisflagged(func() bool { time.Sleep(time.Second); return true }, in, func(int) {})
	},
	// syncprims.go: WaitGroup and Cond waiters
	"gatherLeaky": func() { gatherLeaky([]int{1, 2, 3}, failOn(2), func(v int) int { return v }) },
	"notifyLeaky": func() { notifyLeaky(failing, func() {}) },
	"startLeakyWG": func() { startLeaky(1, true, func() {}) },
	"readyLeaky":  func() { readyLeaky(failing, func() {}) },
	"spreadLeaky": func() { spreadLeaky([]int{1, 2, 3}, failOn(2)) },
	// fields.go: channels kept in struct fields
	"fieldFetchLeaky": withTimeout(func(ctx context.Context) { (&fetcher{work: slow}).fetchLeaky(ctx) }),
	"fieldPollLeaky":  func() { (&poller{}).pollLeaky(slow) },
	"fieldRunLeaky":   func() { (&jobsQueue{}).runLeaky([]int{1, 2}, func(int) {}, failOn(2)) },
	"checkLeaky":      func() { _ = checkLeaky([]int{1, 2}, 2, func(int) {}, failOn(2)) },
	"scanLeaky":       func() { _ = scanLeaky([]int{1, 2}, 2, func(int) {}, failOn(2)) },
	// selectloop.go: a select that leaves a loop with no condition
	// onesided.go: a receive through an exported getter of a field
	"BufferReader": func() { go NewBufferReader().Read(nil) },
	// unshared.go: a send before the channel is handed on
	"ContainerWait": func() { go ContainerWait(1) },
	"ContainerWaitAsync": func() { go ContainerWaitAsync(1, func() error { return nil }) },
	"StartThenServe":     func() { go StartThenServe(func(int) {}) },
	// calleestop.go: a consumer callee that returns from its range loop
	"NewWitness": func() { _, _ = NewWitness([]int{1, -1, 2, 3}) },
	"runRounds": func() { stopped := make(chan bool); close(stopped); (&closeLoopClient{stop: stopped}).runRounds(slowTrue) },
	// onesided.go: channels nothing wakes
	"gate":          func() { newGate(func() {}) },
	"reporter":      func() { newReporter().run(failing) },
	"handedNowhere": func() { handedNowhere(func() {}) },
	"queue":         func() { newQueue(func(int) {}) },
	// the stub's hook is called through the interface, here from a
	// goroutine of the test: its send blocks that goroutine for good
	"recordUpdates": func() { go RecordUpdates([]string{"e"}) },
	"consumeWithHandler": func() { go ConsumeWithHandler() },
	// neverends.go: goroutines that never end
	"refresher": func() { newRefresher() },
	"refresherHalfClosed": func() { newRefresherHalfClosed().Close() },
	"internalLogger":      func() { newInternalLogger(func() {}).shutdown() },
	"loggingChild": func() {
		(&loggingChild{parent: func() int { return 2 }, log: func(string) {}}).Serve(func() {})
	},
	"objClock":  func() { (&objClock{}).Start() },
	"jitterTicker": func() {
		t := newJitterTicker(time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		t.Stop()
	},
	"clockAlsoCalled": func() { clockAlsoCalled() },
	"resettableClock": func() { ResetClock(); EnableResettableClock() },
	// choreography_test.go, its Test functions renamed by copyGo.
	"startSampler":  func() { sampledHandler{}.ServeRequest("/") },
	"startWatchers": StartWatchers,
	"joinWorkerCancelled": func() { joinWorkerCancelled(func() {}, func() bool { return true }) },
	// outcome.go
	"oneOutcomeEarly": func() { oneOutcomeEarly(errTasks, true) },
	"streamLeaving": func() {
		stop := make(chan struct{})
		close(stop)
		streamLeaving(func() ([]byte, error) { time.Sleep(time.Second); return nil, errNoDialers }, make(chan []byte, 1), stop)
	},
	"negotiateWriteFails": func() {
		_ = negotiateRounds(2, false, func() error { return nil }, func() error { return errNoDialers })
	},
	"dialOrFallback": func() { _, _ = dialOrFallback(nil, func() (int, error) { return 1, nil }) },
	"soonLogged": func() { soonLogged(discardLogger{}, func() { time.Sleep(time.Hour) }, time.Second) },
	"queryDeferredAlways": func() { _ = queryDeferredAlways(func() int { return 1 }) },
	"queryThenCleanup": func() { _ = queryThenCleanup(func() int { return 1 }, func() { panic("cleanup") }) },
	"firstLine":        func() { _, _ = firstLine(func() bool { return false }, func() string { return "" }) },
	"tickerStopped": func() { tickerStopped(func() {}) },
	"logSink":   func() { newLogSink(func(string) {}).Log("x") },
	"pump":      func() { newPump(func(int) {}).Put(1) },
	"invokeAbandoning": func() { _ = invokeAbandoning(slowWork, expired()) },
	"invokeWatchedLeaky": func() { _ = invokeWatchedLeaky(nil, time.Second) },
	"NewPacer":           func() { NewPacer() },
	"NewSessionTable":    func() { NewSessionTable() },
	"ProbeEach":          func() { ProbeEach() },
}

// slowWork outlasts an expired timeout.
func slowWork() error {
	time.Sleep(time.Second)
	return nil
}

func expired() <-chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// intsClosed is a source channel holding vs, closed.
// nopWriteCloser accepts every write.
type nopWriteCloser struct{}

func (nopWriteCloser) Write(p []byte) (int, error) { return len(p), nil }
func (nopWriteCloser) Close() error                { return nil }

type discardLogger struct{}

func (discardLogger) Errorf(string, ...any) {}

func intsClosed(vs ...int) <-chan int {
	c := make(chan int, len(vs))
	for _, v := range vs {
		c <- v
	}
	close(c)
	return c
}

var good = map[string]func(){
	"selfJoinAsync":       func() { newAsyncConn(func() error { return errSelfJoin }) },
	"echoDone":            func() { echoDone(readThree(), func(string) error { return errWriteEach }) },
	"echoQuit":            func() { echoQuit([]string{"a", "b"}, func(string) error { return nil }) },
	"echoCounted":         func() { echoCounted([]string{"a", "b"}, func(string) error { return nil }) },
	"echoKeep":            func() { echoKeep(readThree(), func(string) error { return errWriteEach }) },
	"selfJoinBounded":     func() { newBoundedConn(func() error { return errSelfJoin }) },
	"selfJoinClosedFirst": func() { newClosedFirst(func() error { return errSelfJoin }) },
	"selfJoinNode":        func() { newNode([]*node{newNode(nil)}).Stop() },
	"selfJoinDeferOK":     func() { newDeferConnOK(func() error { return errSelfJoin }) },
	"Profile": func() { Profile(func() {}) },
	"wakingQueue.close": func() { q := newWakingQueue(); go q.get(); time.Sleep(time.Millisecond); q.close() },
	"orderedTransport.handshake": func() { _ = newOrderedTransport().handshake(nil) },
	"collectClosing":       func() { _ = collectClosing(func() (string, error) { return "", errBad }, 2, func([]string) {}) },
	"retryingLoadOnce.get": func() {
		c := newRetryingLoadOnce(func() ([]byte, error) { return nil, errBad })
		_, _ = c.get()
		_, _ = c.get()
	},
	"indexer.buildClosed": func() { (&indexer{index: map[string]int{}}).buildClosed([]string{"a", "b"}, 2) },
	"indexer.buildQueued": func() { (&indexer{index: map[string]int{}}).buildQueued([]string{"a", "b"}, 2) },
	"closingWriterSession.Close": func() { s := newClosingWriterSession(nopWriteCloser{}); s.send([]byte("x")); _ = s.Close() },
	"pollingWriterSession.Close": func() { s := newPollingWriterSession(nopWriteCloser{}); s.send([]byte("x")); _ = s.Close() },
	"sentinelPool.Stop":          func() { p := newSentinelPool(3); p.submit([]byte("x")); p.Stop() },
	"startTrio":              func() { _ = startTrio([]string{"", "", ""}) },
	"twoStageStopper.StopTimeout": func() {
		c := &twoStageStopper{}
		c.fetchers.Add(1)
		go func() { time.Sleep(time.Second); c.fetchers.Done() }()
		_ = c.StopTimeout(time.Millisecond)
	},
	"collectPorts":           func() { _ = collectPorts(func() int { return 1 }) },
	"encodeAll":              func() { _ = encodeAll(func() ([]byte, error) { return nil, nil }) },
	"firstCulprit":           func() { _ = firstCulprit([]string{"", "a"}) },
	"receiveReply":           func() { _, _ = receiveReply([]int{-1}, time.Millisecond) },
	"stressRounds":           func() { _ = stressRounds([]string{""}) },
	"validateEach":           func() { validateEach([]string{"", ""}) },
	"startServersFirstError": func() { _ = startServersFirstError([]string{"", ""}) },
	"createLayers":           func() { _ = createLayers(func(string) error { return errCheck }) },
	"startPair":              func() { _ = startPair("", "") },
	"registerViewsOnce":      func() { _ = registerViewsOnce(context.Background(), []string{"", ""}) },
	"runWithRecoverBuffered": func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		_, _ = runWithRecoverBuffered(ctx, func() (string, error) { time.Sleep(time.Second); return "late", nil })
	},
	"drainedStream.Stop": func() {
		s := drainStream(newFakeWrapSource(wrapEvent{"a"}, wrapEvent{"b"}))
		<-s.Events()
		s.Stop()
	},
	"stoppableStream.Stop": func() {
		s := stopStream(newFakeWrapSource(wrapEvent{"a"}, wrapEvent{"b"}))
		<-s.Events()
		s.Stop()
	},
	"carefulSampler.Close": func() {
		p := newCarefulSampler(func() float64 { return 1 }, time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		p.Close()
	},
	"queuedSampler.Close": func() {
		p := newQueuedSampler(func() float64 { return 1 }, time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		p.Close()
	},
	"ChainGate.Open": func() {
		g := NewChainGate()
		go g.Wait()
		go g.Wait()
		time.Sleep(time.Millisecond)
		g.Open()
	},
	"Token.Give": func() {
		tk := NewToken()
		go tk.Take()
		time.Sleep(time.Millisecond)
		tk.Give()
	},
	"cancellingLessor.revoke": func() { l := newCancellingLessor(); l.grant(1); l.revoke(1) },
	"fairElector.run": func() { _ = (&fairElector{id: "a", tryLease: func(string) bool { return false }}).run() },
	"fetchOrGiveUpWatching": func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_ = fetchOrGiveUpWatching(ctx, func() { time.Sleep(time.Second) })
	},
	"giveUpStream.ReadOrDone": func() {
		ctx, cancel := context.WithCancel(context.Background())
		s := newGiveUpStream(ctx)
		_, _ = s.ReadOrDone()
		cancel()
		time.Sleep(time.Second)
		_, _ = s.ReadOrDone()
	},
	"closingStream.Read": func() {
		ctx, cancel := context.WithCancel(context.Background())
		s := newClosingStream(ctx)
		_ = s.Read()
		cancel()
		time.Sleep(time.Second)
		_ = s.Read()
	},
	"fetchDetached": func() { _ = fetchDetached(func() { time.Sleep(time.Second) }) },
	"fetchAnswering": func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_ = fetchAnswering(ctx, func() { time.Sleep(time.Second) })
	},
	"fetchClosing": func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_ = fetchClosing(ctx, func() { time.Sleep(time.Second) })
	},
	"fetchNonBlocking": func() { _ = fetchNonBlocking(func() { time.Sleep(time.Second) }) },
	"fetchOrNothing":  func() { _, _ = fetchOrNothing(func() (string, bool) { return "", false }) },
	"firstAliveDeferred": func() {
		_, _ = firstAliveDeferred([]string{"a", "b"}, func(string) error { return errors.New("dead") })
	},
	"pollListenFailure": func() { _ = pollListenFailure(func() error { return errors.New("in use") }, 3) },
	"allProbes": func() { _ = allProbes([]string{"a", "b"}, func(string) error { return errors.New("dead") }) },
	"pipelineGroupCtx":     func() { _ = pipelineGroupCtx(context.Background(), []int{1, -1, 2, 3}) },
	"pipelineKeepsError":   func() { _ = pipelineKeepsError(context.Background(), []int{1, -1, 2, 3}) },
	"pipelineDrains":       func() { _ = pipelineDrains([]int{1, -1, 2, 3}) },
	"pipelineCounted":      func() { _ = pipelineCounted([]int{1, -1, 2, 3}) },
	"batchWritesDraining":  func() { _ = batchWritesDraining([]int{1, -1, 2, 3, 4}) },
	"batchWritesReleased":  func() { _ = batchWritesReleased([]int{1, -1, 2, 3, 4}) },
	"batchWritesStopped":   func() { _ = batchWritesStopped([]int{1, -1, 2, 3, 4}) },
	"deferredRunner.Wait": func() {
		d := newDeferredRunner(func() error { return errors.New("failed") })
		go d.Run()
		d.Wait()
	},
	"flagCloser.Done": func() {
		f := newFlagCloser()
		f.Close()
		f.Close()
		f.Done()
	},
	"casCloser.Wait": func() {
		f := newCASCloser()
		f.Stop()
		f.Stop()
		f.Wait()
	},
	"selectCloser.Wait": func() {
		s := newSelectCloser()
		s.Stop()
		s.Stop()
		s.Wait()
	},
	"ctxRegistrar.WaitForInitialSync": func() {
		r := newCtxRegistrar(func() bool { return false })
		stop := make(chan struct{})
		close(stop)
		r.Run(stop)
		_ = r.WaitForInitialSync(cancelled())
	},
	"atomicCloser.Wait": func() {
		a := newAtomicCloser()
		a.Close()
		a.Close()
		a.Wait()
	},
	"getterCloser.Wait": func() {
		g := newGetterCloser()
		g.Close()
		g.Close()
		g.Wait()
	},
	"statusService.Wait": func() {
		s := newStatusService()
		s.Start()
		s.Start()
		s.WaitStarted()
		s.Stop()
		s.Stop()
		s.WaitStopped()
	},
	"cellPublisher.WaitStarted": func() {
		p := newCellPublisher()
		p.Start()
		p.Start()
		p.WaitStarted()
	},
	"ctxWokenQueue.close": func() {
		q := newCtxWokenQueue()
		ctx, cancel := context.WithCancel(context.Background())
		go func() { _, _ = q.get(ctx) }()
		time.Sleep(time.Millisecond)
		q.close() // wakes nobody: the waiter's own goroutine does, once ctx is done
		cancel()
	},
	"leaderProbeReturning": func() {
		p := &leaderProbeReturning{ping: func() error { return nil }}
		p.Serve(context.Background())
		p.Close()
	},
	"closingLoader.Wait": func() {
		l := newClosingLoader(func() error { return errors.New("failed") })
		l.Load()
		_ = l.Wait()
	},
	"stoppableRegistrar.Wait": func() {
		r := newStoppableRegistrar(func() bool { return false })
		stop := make(chan struct{})
		close(stop)
		_ = r.Run(stop)
		r.Stop()
		r.Wait()
	},
	"pollBot.StartSelecting": func() {
		b := newPollBot(fewUpdates(3))
		go b.StartSelecting()
		b.Stop()
	},
	"pollBot.StartDraining": func() {
		b := newPollBot(fewUpdates(3))
		go b.StartDraining()
		b.Stop()
	},
	"squareAllUntil": func() { _ = squareAllUntil([]int{1, 2, 3, 4}, 5) },
	"squareCounted":  func() { _ = squareCounted() },
	"dispatcherBuffered.call": func() {
		d := newDispatcherBuffered()
		_, _ = d.call(cancelled(), 1)
		d.deliver(1, "late")
		d.close()
	},
	"collectBuffered":     func() { _ = collectBuffered([]string{"a", "", "b"}) },
	"collectWhileWaiting": func() { _ = collectWhileWaiting(context.Background(), []string{"a", "", "b"}) },
	"firstFamily":          func() { _ = firstFamily(func(string) error { return nil }) },
	"EndingKeeper.Revoke":  func() { k := NewEndingKeeper(func(int) {}); k.Grant(1, 3*time.Millisecond); k.Revoke(1) },
	"ClosingHub.Subscribe": func() { h := NewClosingHub(); out, cancel := h.Subscribe(); cancel(); for range out {} },
	"selectingWatcher.Stop": func() { w := newSelectingWatcher(); w.Notify(folderEvent{"a"}); w.Stop() },
	"feedKeepingWorkers":  func() { _ = feedKeepingWorkers([]stageItem{{-1}, {-2}, {3}, {4}}) },
	"feedGroupAllItems":   func() { _ = feedGroupAllItems([]stageItem{{-1}, {-2}, {3}, {4}, {5}}, 2) },
	"feedGroupOnePerWorker": func() { _ = feedGroupOnePerWorker(2) },
	"receiveUntilFailure": func() {
		n := 0
		_ = receiveUntilFailure(func() (stageItem, error) {
			n++
			if n > 2 {
				return stageItem{}, errBad
			}
			return stageItem{n}, nil
		})
	},
	"NilWatcher.Next":      func() { w := NewNilWatcher(); w.push("x"); _ = w.Next() },
	"ArmedWatcher":         func() { w := NewArmedWatcher(); w.Start(); w.WaitStopped(); w.Finish(); w.WaitDone() },
	"debounceCaseReset": func() {
		events := make(chan string)
		go debounceCaseReset(events, func() {})
		time.Sleep(1500 * time.Millisecond)
		events <- "x"
		close(events)
	},
	"debounceFlag": func() {
		events := make(chan string)
		go debounceFlag(events, func() {})
		time.Sleep(1500 * time.Millisecond)
		events <- "x"
		close(events)
	},
	"debounceNonBlocking": func() {
		events := make(chan string)
		go debounceNonBlocking(events, func() {})
		time.Sleep(1500 * time.Millisecond)
		events <- "x"
		close(events)
	},
	"pollEveryReset": func() {
		n := 0
		pollEveryReset(func() bool { n++; return n == 3 })
	},
	"collectGroupCtxWhileWaiting": func() { _, _ = collectGroupCtxWhileWaiting(context.Background(), []string{"a", "", "b"}) },
	"scoreAllOwn": func() { _ = scoreAllOwn([][]string{{"a"}, {"b", "c"}}) },
	"logTailer.CountClosed": func() {
		t := &logTailer{open: func() ([]string, error) { return nil, errors.New("gone") }}
		_ = t.CountClosed()
	},
	"answeringServer.Get": func() {
		s := &answeringServer{reqs: make(chan lookupReq), m: map[string]int{}}
		go s.serveAll()
		_ = s.Get("missing")
		close(s.reqs)
	},
	"handingServer.Fetch": func() {
		s := &handingServer{reqs: make(chan handReq)}
		s.handle = func(r handReq) { r.reply <- nil }
		go s.serveHanded()
		_ = s.Fetch("a")
		close(s.reqs)
	},
	"waitingServer.Get": func() {
		s := &waitingServer{reqs: make(chan lookupReq), m: map[string]int{}}
		go s.serve()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, _ = s.Get(ctx, "missing")
		close(s.reqs)
	},
	// afterfunc.go: the buffer takes the deadline's value.
	"pollUntilBuffered": func() {
		pollUntilBuffered(time.Second, func() bool { return true })
		time.Sleep(2 * time.Second)
	},
	// serverclosed.go: the shutdown makes Serve return
	// http.ErrServerClosed, which the goroutine does not send.
	"serveUntilDone": func() {
		l := newChanListener()
		_ = serveUntilDone(cancelled(), l)
		l.fail()
		time.Sleep(time.Second)
	},
	// lostwakeup.go: Recv's helper sets eof; Recv broadcasts after it.
	"dialRace":          func() { _, _ = dialRace(timedDials(true, false, true, false, true)) },
	"dialRaceNone":      func() { _, _ = dialRace(timedDials(false, false)) },
	// timerdrain.go: the drain after the timer's case is guarded by a
	// len test and takes nothing.
	"batcher": func() {
		items, flushes := make(chan int), make(chan struct{})
		done := make(chan struct{})
		go func() { batcher(items, flushes, func() {}); close(done) }()
		items <- 1
		time.Sleep(1500 * time.Millisecond)
		flushes <- struct{}{}
		close(items)
		<-done
	},
	"startRotating": func() {
		stop := make(chan struct{})
		close(stop)
		startRotating(stop)
	},
	"streamReader.Recv": func() { r := newStreamReader(); go r.Read(); time.Sleep(time.Millisecond); r.Recv(nil, true) },
	"serveEitherUntilDone": func() {
		l := newChanListener()
		_ = serveEitherUntilDone(cancelled(), l, false)
		l.fail()
		time.Sleep(time.Second)
	},
	"serveUntilDoneClosing": func() {
		l := newChanListener()
		_ = serveUntilDoneClosing(cancelled(), l)
		l.fail()
		time.Sleep(time.Second)
	},
	// timerretry.go: one run at a time, restarted by a timer armed after each.
	"pollWatcher.watchBuffered": func() {
		w := &pollWatcher{ctx: context.Background(), poll: func() (string, error) { return "ready", nil }}
		_, _ = w.watchBuffered(func(o string, err error) (bool, error) { return o == "ready", err }, time.Minute)
		w = &pollWatcher{ctx: context.Background(), poll: func() (string, error) { time.Sleep(time.Minute); return "", nil }}
		_, _ = w.watchBuffered(func(string, error) (bool, error) { return false, nil }, time.Second)
	},
	"startPullDraining": func() {
		_ = startPullDraining(5, func(progress) error { return errShowFailed })
	},
	"startPullDrainAfter": func() {
		_ = startPullDrainAfter(5, func(progress) error { return errShowFailed })
	},
	"sampleForStopping": func() { sampleForStopping(&tickStats{}, 5*time.Millisecond) },
	"carefulOneShotWatch": func() {
		w, _ := NewCarefulOneShotWatch(func() error { return errWatchCompacted })
		time.Sleep(time.Millisecond)
		w.Stop()
	},
	"carefulAskedSampler": func() {
		p := newCarefulAskedSampler(time.Millisecond)
		p.Next()
		time.Sleep(5 * time.Millisecond)
		p.Close()
	},
	"startKeptWatchedPull": func() {
		startKeptWatchedPull(5, func(progress) error { return errShowFailed }, func(error) {})
	},
	"startStoppedWatchedPull": func() {
		startStoppedWatchedPull(5, func(progress) error { return errShowFailed }, func(error) {})
	},
	"activation.waitActiveLooping": func() {
		a := newActivation()
		go a.waitActiveLooping()
		time.Sleep(time.Millisecond / 2)
		a.activate()
	},
	"activation.takeFirstLocked": func() {
		a := newActivation()
		go a.takeFirstLocked()
		time.Sleep(time.Millisecond / 2)
		a.push(1)
	},
	"retrySource.Serve": func() {
		s := &retrySource{run: func(context.Context) error { return errBad }, pause: time.Second}
		ctx, cancel := context.WithCancel(context.Background())
		go func() { time.Sleep(3500 * time.Millisecond); cancel() }()
		s.Serve(ctx)
	},
	// chanmap.go: the subscriber's channel closed through the map.
	"ClosingChanBroker": func() {
		b := NewClosingChanBroker()
		b.Unsubscribe(b.Subscribe(func(string) {}))
	},
	"DrainingChanBroker": func() {
		b := &DrainingChanBroker{}
		b.Subscribe(1, func(string) {})
		b.Close()
	},
	"countServer.Count": func() {
		s := &countServer{reqs: make(chan countReq), quit: make(chan struct{}), counts: map[string]int{}}
		go s.run()
		_ = s.Count("x")
		close(s.quit)
	},
	"indexedStore.LookupLogged": func() {
		s := &indexedStore{index: func(string) error { time.Sleep(time.Second); return nil }}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		_ = s.LookupLogged(tick.C, "a")
	},
	"wakingBarrier.arrive": func() { b := newWakingBarrier(3); go b.arrive(false); time.Sleep(time.Millisecond); b.arrive(true) },
	"drainQueue.shutdown":  func() { q := newDrainQueue(); go q.get(); time.Sleep(time.Millisecond); q.shutdown(true) },
	"selfStopper.run":      func() { s := newSelfStopper(); go func() { s.add(); s.add() }(); s.run(1) },
	"openClosingSession": func() { openClosingSession(func() {}).Close() },
	"dialFirstViaBuffered": func() { _ = dialFirstViaBuffered(func(string) error { return nil }, []string{"a", "b", "c"}) },
	"RunJob":         func() { _ = RunJob(func() (string, error) { return "x", nil }) },
	"RunBufferedJob": func() { _, _ = RunBufferedJob(func() string { time.Sleep(time.Second); return "x" }, time.Millisecond) },
	"exchangeGreetingsOrdered":  func() { exchangeGreetingsOrdered(func() []byte { return nil }, func() []byte { return nil }, func([]byte) {}, func([]byte) {}) },
	"exchangeGreetingsBuffered": func() { exchangeGreetingsBuffered(func() []byte { return nil }, func() []byte { return nil }, func([]byte) {}, func([]byte) {}) },
	"startHeartbeatCancelled": func() { startHeartbeatCancelled(func() {}, time.Second).Stop() },
	"openClosableRows":        func() { openClosableRows().Close() },
	"touchKept":               func() { touchKept() },
	"openExpiringRows":        func() { openExpiringRows() },
	"NewTempDirFor": func() {
		ctx, cancel := context.WithCancel(context.Background())
		NewTempDirFor(ctx, func() {})
		cancel()
	},
	"startWatcherParent": func() {
		ctx, cancel := context.WithCancel(context.Background())
		startWatcherParent(ctx, func() {})
		cancel()
	},
	"indexedStore.PutAfterIndex": func() { _ = (&indexedStore{put: func(string) error { return errBad }, index: func(string) error { return nil }}).PutAfterIndex("d") },
	"lastToFinish":   func() { lastToFinish([]string{"a", "b"}, func(string) error { return errBad }) },
	"warmAllGuarded": func() { _ = warmAllGuarded([]string{"a", "b"}, func(string) error { return errBad }) },
	"processAfterFeed": func() { processAfterFeed([]int{1, 2}, 2, func(int) {}) },
	"orderedPool.Close": func() { p := newOrderedPool(2, func(int) {}); p.jobs <- 1; p.Close() },
	"ctxPool.Close": func() {
		ctx, cancel := context.WithCancel(context.Background())
		p := newCtxPool(ctx)
		cancel()
		p.Close()
	},
	"resultConnClosed.Wait":     func() { c := newResultConnClosed(failing); _ = c.Start(); _ = c.Wait() },
	"fixedPlugin.waitActive":    func() { p := newFixedPlugin(failing); _ = p.activate(); _ = p.waitActive() },
	"startedGate.wait":          func() { g := newStartedGate(); g.start(); g.start(); g.wait() },
	"runPipe": func() {
		_ = runPipe([]string{"a", "b"}, func(c string) error {
			if c == "b" {
				return errBad
			}
			return nil
		}, func(string) error { return nil })
	},
	"serveRequests": func() { serveRequests(3, func() {}) },
	"runCancelledCompactor": func() { runCancelledCompactor(func() {}) },
	"compactOnceCancelled":  func() { compactOnceCancelled(func() {}) },
	"runUntilCancelled": func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		runUntilCancelled(ctx, func(context.Context) {})
	},
	"orderedCtxWorkers.Close": func() { newOrderedCtxWorkers(func() {}).Close() },
	"cancelPool.Wait": func() { p := newCancelPool(); p.Cancel(); p.Wait() },
	"runFor":          func() { runFor(func() {}, true); runFor(func() {}, false) },
	"processBatches":   func() { processBatches([][]int{{1, 2}, {3}}, func(int) {}) },
	"startThenWait":    func() { startThenWait(func() {}) },
	"awaitHandoffBuffered": func() { _, _ = awaitHandoffBuffered(func() string { time.Sleep(time.Second); return "x" }, time.Millisecond) },
	"handoffInline":        func() { _ = handoffInline(func() string { return "x" }) },
	"uploadAllDrained": func() { _ = uploadAllDrained([]int{1, 2, 3}, failOn(1)) },
	"showEvents":         func() { showEvents(closedEvents(), true, true, false) },
	// stages.go: the consumer stops at the done event the source sends last
	"showUntilDone": func() {
		in := make(chan streamEvent, 3)
		in <- streamEvent{kind: progressKind}
		in <- streamEvent{kind: progressKind}
		in <- streamEvent{kind: doneKind}
		close(in)
		showUntilDone(in)
	},
	// stages.go: a filter stage drained to its close; a feed handed to another package's range
	"FilterStage": func() {
		for range FilterStage(intsClosed(1, 2, 3), func(v int) bool { return v != 2 }) {
		}
	},
	"consumeNumbers": func() { consumeNumbers(3, func(int) {}) },
	"Pumped": func() {
		for range Pumped(intsClosed(1, 2)) {
		}
	},
	// correlated.go: the flag-guarded wait leaves at most one completion for the buffer
	"watchLoopRun": func() {
		calls := 0
		w := &watchLoop{keys: func() []string { calls++; return []string{"k"} }, register: make(chan string), stop: make(chan struct{})}
		ended := make(chan struct{})
		go func() { w.run(); close(ended) }()
		w.register <- "a"
		w.register <- "b"
		close(w.stop)
		<-ended
	},
	"firstOverDrained":   func() { firstOverDrained([]int{1, 5, 6}, 3) },
	"firstOverCancelled": func() { firstOverCancelled([]int{1, 5, 6}, 3) },
	"sumUntilError":      func() { sumUntilError([]int{1, -1, 2}) },
	"sumOrFirstError":    func() { sumOrFirstError([]int{1, -1, 2, 3}) },
	"runAllPaced":        func() { runAllPaced(3) },
	"copyInBatchesChecked": func() {
		copyInBatches([]string{"a", "b", "c", "d"}, func(string) error { return nil }, func(string) error { time.Sleep(time.Second); return nil })
	},
	"transferAll":        func() { transferAll([]int{1, 2, 3}, func(v int) error { if v == 2 { return errBad }; return nil }) },
	"runUnpaced":         func() { runUnpaced() },
	"eventually":   func() { eventually(func() bool { time.Sleep(time.Second); return true }, 500*time.Millisecond, 100*time.Millisecond) },
	"retryEachTry": func() {
		n := 0
		retryEachTry(func() error { n++; if n < 3 { return errBad }; return nil }, func() bool { return false }, make(chan struct{}))
	},
	"firstOfThree":       func() { firstOfThree(failing) },
	"awaitFetch":         func() { awaitFetch(failing) },
	"serveCancelled":     func() { serveCancelled(&bgConn{}) },
	"fireBuffered":       func() { fireBuffered(failing) },
	"invokeWithTimeout": func() { _ = invokeWithTimeout(slowWork, expired()) },
	"invokeWatched":     func() { _ = invokeWatched(nil, time.Second) },
	"joinWorkers": func() { joinWorkers(func() {}) },
	"interruptFlagged": func() {
		in := make(chan *int, 2)
		one := 1
		in <- &one
		in <- nil
		interruptFlagged(func() bool { time.Sleep(time.Second); return true }, in, func(int) {})
	},
	"fetchBuffered":      withTimeout(func(ctx context.Context) { fetchBuffered(ctx, slow) }),
	"firstAnswerOrTimeoutBuffered": func() {
		_, _ = firstAnswerOrTimeoutBuffered([]func() int{func() int { return 1 }, func() int { return 2 }, func() int { return 3 }}, time.Hour)
	},
	"fetchSelect":        withTimeout(func(ctx context.Context) { fetchSelect(ctx, slow) }),
	"loadAllPaths":       func() { loadAllPaths(failing, slow) },
	"twoReceives":        func() { twoReceives(slow) },
	"firstErrorBuffered": func() { firstErrorBuffered(errTasks) },
	"allErrors":          func() { allErrors(okTasks) },
	"sequential":         func() { sequential(mirrors) },
	"countedWorkers":     func() { countedWorkers(errTasks, nil, func() {}) },
	"sendOnce":           func() { sendOnce([]func() error{failing, failing}) },
	"processClosed":      func() { processClosed([]int{1, 2, 3}, func(int) {}, failOn(2)) },
	"watchDeferred":      func() { watchDeferred(failing, func() {}) },
	"limited":            func() { limited([]func(){func() {}, func() {}}) },
	"fanOutValues":       func() { fanOutValues([]int{1, 2, 3}, func(int) {}) },
	"fetchPair":   func() { fetchPair(slow, slow) },
	"runAfterSignal": func() { runAfterSignal(func() {}) },
	"exchangeOrdered":  func() { exchangeOrdered(1, func(int) {}) },
	"exchangeBuffered": func() { exchangeBuffered(1, func(int) {}) },
	"fetchOrWait": func() { fetchOrWait(slow) },
	"watchKey": func() {
		ctx, cancel := context.WithCancel(context.Background())
		out := WatchKey(ctx, keyWatcher{}, "k")
		<-out
		cancel()
		for range out {
		}
	},
	"countCtx": func() {
		ctx, cancel := context.WithCancel(context.Background())
		<-countCtx(ctx, 10)
		cancel()
	},
	"future":          func() { future(slow) },
	"pair":            func() { pair(func() {}) },
	"twoWorkers":      func() { twoWorkers(slow) },
	"collectN":        func() { collectN(3, slow) },
	"lastOne": func() {
		var mu sync.Mutex
		count := 0
		lastOne(3, func() int { mu.Lock(); defer mu.Unlock(); count++; return count })
	},
	"startBuffered":   withTimeout(func(ctx context.Context) { (&worker{work: slow}).startBuffered(ctx) }),
	"startCtx":        withTimeout(func(ctx context.Context) { (&worker{work: slow}).startCtx(ctx) }),
	"feedClosed":      func() { feedClosed([]int{1, 2}, func(int) {}, failOn(2)) },
	"firstOfBuffered": withTimeout(func(ctx context.Context) { firstOfBuffered(ctx, slow) }),
	"crossCtx": func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		crossCtx(ctx)
	},
	// syncprims.go
	"gatherCounted":  func() { gatherCounted([]int{1, 2, 3}, failOn(2), func(v int) int { return v }) },
	"notifyDeferred": func() { notifyDeferred(failing, func() {}) },
	"notifyLate":     func() { notifyLate(failing, func() {}); notifyLate(func() error { return nil }, func() {}) },
	"startAll":       func() { startAll(1, true, func() {}) },
	"readyDeferred":  func() { readyDeferred(failing, func() {}) },
	"spreadChecked": func() {
		spreadChecked([]int{1, 2, 3}, failOn(2))
		spreadChecked([]int{1, 2, 3}, func(int) error { return nil })
	},
	// fields.go
	"fieldFetchBuffered": withTimeout(func(ctx context.Context) { (&loader{work: slow}).fetch(ctx) }),
	"fieldRunDeferred":   func() { (&jobsQueue2{}).run([]int{1, 2}, func(int) {}, failOn(2)) },
	"checkClosed":        func() { _ = checkClosed([]int{1, 2}, 2, func(int) {}, failOn(2)) },
	"scanClosed":         func() { _ = scanClosed([]int{1, 2}, 2, func(int) {}, failOn(2)) },
	// selectloop.go
	"runRoundsBuffered": func() { stopped := make(chan bool); close(stopped); (&closeLoopClient{stop: stopped}).runRoundsBuffered(slowTrue) },
	"runCountedRounds":  func() { runCountedRounds(2, slowTrue) },
	// onesided.go
	"ClosingReader": func() { r := NewClosingReader(); r.Close(); _, _ = r.Read(nil) },
	// unshared.go
	"containerWaitBuffered": func() { <-containerWaitBuffered(1) },
	"containerWaitServed":   func() { containerWaitServed(1, func(error) {}) },
	"containerWaitAsyncServed": func() { containerWaitAsyncServed(1, func(error) {}) },
	"containerWaitRegistered": func() {
		containerWaitRegistered(1, func(p *chan error) {
			c := *p
			go func() { <-c }()
		})
	},
	"containerWaitSwapped": func() { containerWaitSwapped(1, make(chan error, 1)) },
	// calleestop.go
	"newWitnessDrained":    func() { _, _ = newWitnessDrained([]int{1, -1, 2, 3}) },
	"newWitnessBuffered":   func() { _, _ = newWitnessBuffered([]int{1, -1, 2, 3}) },
	"newWitnessDrainAfter": func() { _, _ = newWitnessDrainAfter([]int{1, -1, 2, 3}) },
	"containerWaitRounds": func() {
		containerWaitRounds(3, func(ch chan error) {
			for range ch {
			}
		})
	},
	// onesided.go
	"gateOpened": func() { newGateOpened(func() {}).Open() },
	"reporterRead": func() {
		r := newReporterRead()
		r.run(failing)
		_ = r.Err()
	},
	"handedOver": func() { handedOver(func() {}) },
	"oneOutcome": func() {
		_ = oneOutcome(errTasks)
		_ = oneOutcome(nil)
	},
	"negotiateCaptured": func() {
		nop := func() error { return nil }
		read := func(bool) error { return nil }
		_ = negotiateCaptured(3, false, read, nop)
		_ = negotiateCaptured(3, true, read, nop)
		_ = negotiateCaptured(3, true, func(bool) error { return errNoDialers }, nop)
	},
	"negotiateRounds": func() {
		nop := func() error { return nil }
		_ = negotiateRounds(3, false, nop, nop)
		_ = negotiateRounds(3, true, nop, nop)
		_ = negotiateRounds(3, true, func() error { return errNoDialers }, nop)
	},
	"dialFirst": func() {
		ok := func() (int, error) { return 1, nil }
		bad := func() (int, error) { return 0, errNoDialers }
		_, _ = dialFirst(nil)
		_, _ = dialFirst([]func() (int, error){ok, bad, nil, ok})
		_, _ = dialFirst([]func() (int, error){bad, bad})
	},
	"queryRecovered": func() {
		_ = queryRecovered(func() int { return 1 })
		_ = queryRecovered(func() int { panic("query") })
	},
	"loadFirst": func() {
		events, stop, timeout := make(chan struct{}), make(chan struct{}), make(chan struct{})
		close(timeout)
		_ = loadFirst(events, func() error { return errTimeout }, stop, timeout)
		events <- struct{}{}
		events <- struct{}{}
		close(stop)
	},
	"sumNumbers": func() { _ = sumNumbers(10) },
	"countEvents": func() { _, _ = countEvents(failAfter(3)) },
	"countSourceEvents": func() { _, _ = countSourceEvents(dep.NewSource(failAfter(3))) },
	"forwardEvents": func() {
		out := make(chan int, 10)
		forwardEvents(failAfter(3), out)
		time.Sleep(time.Second)
	},
	"sumNumbersOrErr": func() {
		_, _ = sumNumbersOrErr(-1)
		_, _ = sumNumbersOrErr(10)
	},
	"countNames": func() {
		_, _ = countNames([]string{"a", "b"}, true)
		_, _ = countNames([]string{"a", "b"}, false)
	},
	"firstLineDrained": func() {
		_, _ = firstLineDrained(func() bool { return false }, func() string { return "" })
		_, _ = firstLineDrained(func() bool { return true }, func() string { return "line" })
	},
	"queryRecoveredOrReturn": func() {
		_ = queryRecoveredOrReturn(func() int { return 1 })
		_ = queryRecoveredOrReturn(func() int { panic("query") })
	},
	"queueSignalled": func() {
		q := newQueueSignalled(func(int) {})
		q.put(1)
		time.Sleep(time.Second)
	},
	"sendAfterClose": func() {
		if !sendAfterClose() {
			panic("no panic")
		}
	},
	"keepPatcher": func() { _ = KeepPatcher() },
	"drain": func() {
		in := make(chan int, 1)
		in <- 1
		close(in)
		Drain(in)
	},
	// neverends.go
	"refresherStopped": func() { newRefresherStopped().Close() },
	"internalLoggerStopped": func() { newInternalLoggerStopped(func() {}).shutdown() },
	"jitterTickerReturning": func() {
		t := newJitterTickerReturning(time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		t.Stop()
	},
	"logSinkClosed": func() {
		s := newLogSinkClosed(func(string) {})
		s.Log("x")
		s.Close()
	},
	"pumpStopped": func() {
		p := newPumpStopped(func(int) {})
		p.Put(1)
		p.Stop()
	},
}

var _ = dep.Produce

// fewUpdates returns a fetch that finds two updates on its first n calls
// and nothing after.
func fewUpdates(n int) func() []pollUpdate {
	return func() []pollUpdate {
		if n == 0 {
			return nil
		}
		n--
		return []pollUpdate{{1}, {2}}
	}
}

// cancelled returns a context that is already cancelled.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// chanListener is an in-memory net.Listener: Accept waits on a channel
// until the listener is closed or told to fail, so a server's Serve
// blocks durably for synctest.
type chanListener struct {
	once sync.Once
	done chan struct{}
	err  error
}

func newChanListener() *chanListener { return &chanListener{done: make(chan struct{})} }

func (l *chanListener) Accept() (net.Conn, error) { <-l.done; return nil, l.err }
func (l *chanListener) Close() error              { l.stop(net.ErrClosed); return nil }
func (l *chanListener) Addr() net.Addr            { return &net.TCPAddr{} }
func (l *chanListener) fail()                     { l.stop(errBad) }
func (l *chanListener) stop(err error)            { l.once.Do(func() { l.err = err; close(l.done) }) }

// fakeWrapSource is a watch whose Stop ends its Events.
type fakeWrapSource struct {
	c    chan wrapEvent
	once sync.Once
}

func newFakeWrapSource(evs ...wrapEvent) *fakeWrapSource {
	c := make(chan wrapEvent, len(evs))
	for _, e := range evs {
		c <- e
	}
	return &fakeWrapSource{c: c}
}

func (s *fakeWrapSource) Events() <-chan wrapEvent { return s.c }
func (s *fakeWrapSource) Stop()                    { s.once.Do(func() { close(s.c) }) }

// closedEvents returns a closed channel holding two events.
func closedEvents() <-chan int {
	c := make(chan int, 2)
	c <- 1
	c <- 2
	close(c)
	return c
}

func TestBad(t *testing.T) {
	for name, f := range bad {
		t.Run(name, func(t *testing.T) {
			if !leaks(t, f) {
				t.Errorf("%s: no goroutine was left blocked", name)
			}
		})
	}
}

func TestGood(t *testing.T) {
	for name, f := range good {
		t.Run(name, func(t *testing.T) {
			if leaks(t, f) {
				t.Errorf("%s: a goroutine was left blocked", name)
			}
		})
	}
}
`
