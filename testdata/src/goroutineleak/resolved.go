package goroutineleak

// Channels handed to a call the core resolves (internal/callees): the
// channel index follows them into the one function the call runs.

type looker interface{ look(done chan struct{}) }

type lenLooker struct{}

func (lenLooker) look(done chan struct{}) { _ = len(done) }

// Bad: the only implementation of looker only reads the channel's
// length; nothing closes done.
func lookThenWait(l looker) {
	done := make(chan struct{})
	l.look(done)
	awaitDone(done)
}

func awaitDone(done chan struct{}) {
	<-done // want `receive from done blocks forever: nothing in the package sends on it or closes it`
}

type finisher interface{ finish(done chan struct{}) }

type closeFinisher struct{}

func (closeFinisher) finish(done chan struct{}) { close(done) }

// Good: the only implementation of finisher closes the channel.
func finishThenWait(fin finisher) {
	done := make(chan struct{})
	fin.finish(done)
	awaitFinished(done)
}

func awaitFinished(done chan struct{}) {
	<-done // ok: closeFinisher.finish closes it
}

type toucher interface{ touch(done chan struct{}) }

type lenToucher struct{}

func (lenToucher) touch(done chan struct{}) { _ = len(done) }

type closeToucher struct{}

func (closeToucher) touch(done chan struct{}) { close(done) }

// Good: two implementations, one of which closes the channel: the call
// has no single callee, and the channel escapes through it.
func touchThenWait(t toucher) {
	done := make(chan struct{})
	t.touch(done)
	awaitTouched(done)
}

func awaitTouched(done chan struct{}) {
	<-done // ok: closeToucher.touch may close it
}
