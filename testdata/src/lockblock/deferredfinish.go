package lockblock

import "lockblock/dep"

// A query holds its store's read lock from dep.QueryStore until an
// operation finishes it; the operation releases it in a deferred call
// (defer q.finish(&err)), through the query's field that holds the store.
// Query is generic: its methods are instances of another package's
// generic code.

// Near miss: each Exists finishes its query, error or not.
func suppressedAny(s *dep.Store, names []string) (bool, error) {
	for range names {
		q := dep.QueryStore[string](s)
		ok, err := q.Exists()
		if err != nil {
			return false, err // ok
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

// Near miss: the chained Limit returns the query that holds the lock.
func suppressedChained(s *dep.Store, limits []int) (bool, error) {
	for _, n := range limits {
		ok, err := dep.QueryStore[int](s).Limit(n).Exists()
		if err != nil {
			return false, err // ok
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

// Peek does not finish its query: the early return leaves the store
// read-locked, and the next Register waits forever.
func peekAny(s *dep.Store, names []string) (bool, error) {
	for range names {
		q := dep.QueryStore[string](s)
		ok, err := q.Peek()
		if err != nil {
			return false, err // want `return with s.typesMutex still locked`
		}
		if ok {
			return true, nil
		}
		_, _ = q.Exists()
	}
	return false, nil
}
