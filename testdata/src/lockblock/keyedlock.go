package lockblock

import "sync"

// A lock per key: a map of mutex pointers, locked and unlocked by key
// (hugo#3251's per-URL remote lock). The element under a parameter is one
// mutex wherever the function, or its helpers called with that
// parameter, look it up.

type urlLocks struct {
	mu sync.RWMutex
	m  map[string]*sync.Mutex
}

func (l *urlLocks) lockURL(url string) {
	l.mu.Lock()
	if _, ok := l.m[url]; !ok {
		l.m[url] = &sync.Mutex{}
	}
	held := l.m[url]
	l.mu.Unlock()
	held.Lock()
}

func (l *urlLocks) unlockURL(url string) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if held, ok := l.m[url]; ok {
		held.Unlock()
	}
}

// Bad: a failed fetch returns with the URL's lock held; the next fetch
// of that URL waits forever.
func (l *urlLocks) getRemote(url string, fetch func(string) error) error {
	l.lockURL(url)
	if err := fetch(url); err != nil {
		return err // want `return with l.m\[url\] still locked, though later returns unlock it`
	}
	l.unlockURL(url)
	return nil
}

// Bad: the same, with the element looked up in place.
func (l *urlLocks) getInPlace(url string, fetch func(string) error) error {
	l.m[url].Lock()
	if err := fetch(url); err != nil {
		return err // want `return with l.m\[url\] still locked, though later returns unlock it`
	}
	l.m[url].Unlock()
	return nil
}

// Good: the near miss: the unlock is deferred.
func (l *urlLocks) getDeferred(url string, fetch func(string) error) error {
	l.lockURL(url)
	defer l.unlockURL(url)
	return fetch(url)
}

// Good: the near miss: the failing path unlocks too.
func (l *urlLocks) getBothPaths(url string, fetch func(string) error) error {
	l.lockURL(url)
	if err := fetch(url); err != nil {
		l.unlockURL(url)
		return err
	}
	l.unlockURL(url)
	return nil
}

// Good: the near miss: two keys, each held until the return; the lock of
// dst is not a second lock of src's mutex.
func (l *urlLocks) copyURL(src, dst string, fetch func(string) error) error {
	l.lockURL(src)
	defer l.unlockURL(src)
	l.lockURL(dst)
	defer l.unlockURL(dst)
	return fetch(src)
}

// The lock per key in lock order: hugo#3251's first URLLock locked the
// key's mutex while it still held the table's lock, and URLUnlock
// read-locks the table before it unlocks the key's mutex, which its
// caller holds. A fetcher of the URL waiting in URLLock holds the table;
// the holder of the URL's lock cannot read-lock the table to release it.
type heldURLLocks struct {
	sync.RWMutex
	m map[string]*sync.Mutex
}

func (l *heldURLLocks) URLLock(url string) {
	l.Lock()
	if _, ok := l.m[url]; !ok {
		l.m[url] = &sync.Mutex{}
	}
	l.m[url].Lock() // want `lock order inversion: l.m\[url\] is locked while l(.RWMutex)? is held here, but elsewhere l(.RWMutex)? is locked while um \(which \(\*heldURLLocks\).URLUnlock's caller locked\) is held`
	l.Unlock()
}

func (l *heldURLLocks) URLUnlock(url string) {
	l.RLock()
	defer l.RUnlock()
	if um, ok := l.m[url]; ok {
		um.Unlock()
	}
}

func (l *heldURLLocks) getRemote(url string, fetch func(string) error) error {
	l.URLLock(url)
	defer l.URLUnlock(url)
	return fetch(url)
}

// Good: the near miss is urlLocks above: lockURL releases the table
// before it locks the key's mutex, so the table is never waited for by
// a holder of a key's mutex while a key's mutex is waited for by the
// table's holder.

// Bad: a failed fetch returns with the key's lock held, and its only
// caller (a goroutine) releases nothing after the call.
func (l *urlLocks) fetchOnce(url string, fetch func(string) error) error {
	l.lockURL(url)
	if err := fetch(url); err != nil {
		return err // want `return with l.m\[url\] still locked, though later returns unlock it`
	}
	l.unlockURL(url)
	return nil
}

func startFetch(l *urlLocks, fetch func(string) error) {
	go func() { _ = l.fetchOnce("http://example.org/data.json", fetch) }()
}

// Good: the near miss: the caller takes the key's lock over and
// releases it after the call.
func (l *urlLocks) lockIfPresent(url string, present func(string) bool) bool {
	l.lockURL(url)
	if !present(url) {
		return true
	}
	l.unlockURL(url)
	return false
}

func useLockIfPresent(l *urlLocks, present func(string) bool) {
	if l.lockIfPresent("k", present) {
		l.unlockURL("k")
	}
}

// Good: the near miss: a lock held while a count of holders is above
// zero (syscall's ForkLock): the release unlocks it, under the count's
// lock, only when the last holder leaves, and the acquire locks it under
// that lock only when nobody holds it. The release is entered with the
// lock held by the group of holders, not handed over by a helper.
var (
	forkCountMu sync.Mutex
	forkRW      sync.RWMutex
	forking     int
)

func acquireFork() {
	forkCountMu.Lock()
	defer forkCountMu.Unlock()
	if forking == 0 {
		forkRW.Lock()
	}
	forking++
}

func releaseFork() {
	forkCountMu.Lock()
	defer forkCountMu.Unlock()
	forking--
	if forking == 0 {
		forkRW.Unlock()
	}
}
