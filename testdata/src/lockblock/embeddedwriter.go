package lockblock

import "sync"

// A mutex in a base type that two types embed (fyne's data bindings): a
// recursive read lock on a list's base names a writer of a list, not the
// first Lock of the base in the package, which is another type's.

type bindingBase struct {
	lock sync.RWMutex
	val  int
}

type externalBinding struct {
	bindingBase
}

func (b *externalBinding) Set(v int) {
	b.lock.Lock()
	defer b.lock.Unlock()
	b.val = v
}

type listBinding struct {
	bindingBase
	items []int
}

func (l *listBinding) Length() int {
	l.lock.RLock()
	defer l.lock.RUnlock()
	return len(l.items)
}

// Bad: Length read-locks the list's lock again while GetValue holds it.
func (l *listBinding) GetValue(i int) (int, bool) {
	l.lock.RLock()
	defer l.lock.RUnlock()
	if i < 0 || i >= l.Length() { // want `call to \(\*listBinding\).Length read-locks l.lock while it is already read-locked on this path`
		return 0, false
	}
	return l.items[i], true
}

func (l *listBinding) Append(v int) {
	l.lock.Lock()
	defer l.lock.Unlock()
	l.items = append(l.items, v)
}
