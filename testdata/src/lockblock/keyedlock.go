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
