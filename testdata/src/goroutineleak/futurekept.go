package goroutineleak

import "fmt"

// A future kept in a variable: the caller receives from it on its happy
// path only.

type indexedStore struct {
	put   func(string) error
	index func(string) error
}

// indexAsync indexes doc in a goroutine and returns its outcome.
func (s *indexedStore) indexAsync(doc string) <-chan error {
	done := make(chan error)
	go func() {
		done <- s.index(doc) // ok: reported at the callers that skip the receive
	}()
	return done
}

// Bad: a failed put returns before the receive, and the indexing
// goroutine blocks forever in its send.
func (s *indexedStore) Put(doc string) error {
	indexed := s.indexAsync(doc) // want `\(\*indexedStore\).Put can return without receiving from the channel \(\*indexedStore\).indexAsync returns here: the goroutine \(\*indexedStore\).indexAsync started blocks forever in its send on done \(capacity 0\)`
	if err := s.put(doc); err != nil {
		return fmt.Errorf("store %s: %w", doc, err)
	}
	return <-indexed
}

// Good: the near miss: the receive comes first on every path.
func (s *indexedStore) PutAfterIndex(doc string) error {
	indexed := s.indexAsync(doc)
	ierr := <-indexed
	if err := s.put(doc); err != nil {
		return err
	}
	return ierr
}

// Good: the near miss: a path that cannot go on panics; every return
// receives.
func (s *indexedStore) MustPut(doc string) error {
	indexed := s.indexAsync(doc)
	if err := s.put(doc); err != nil {
		panic(err)
	}
	return <-indexed
}
