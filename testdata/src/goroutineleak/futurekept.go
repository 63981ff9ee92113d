package goroutineleak

import (
	"context"
	"fmt"
	"time"
)

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
	indexed := s.indexAsync(doc) // want `\(\*indexedStore\).Put can return without receiving from the channel that \(\*indexedStore\).indexAsync, called here, returns: the goroutine \(\*indexedStore\).indexAsync started blocks forever in its send on done \(capacity 0\)`
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

// lookupAsync looks doc up in a goroutine and returns its outcome.
func (s *indexedStore) lookupAsync(doc string) <-chan error {
	found := make(chan error)
	go func() {
		found <- s.index(doc) // ok: reported at the callers that skip the receive
	}()
	return found
}

// Bad: the caller gives up when ctx is done; the select receives only
// through the lookup's own case, and the lookup goroutine blocks forever
// in its send.
func (s *indexedStore) Lookup(ctx context.Context, doc string) error {
	select {
	case err := <-s.lookupAsync(doc): // want `\(\*indexedStore\).Lookup can return without receiving from the channel that \(\*indexedStore\).lookupAsync, called here, returns: the goroutine \(\*indexedStore\).lookupAsync started blocks forever in its send on found \(capacity 0\)`
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Good: the near miss: the other case goes round the loop, and the only
// way out is the lookup's own case.
func (s *indexedStore) LookupLogged(tick <-chan time.Time, doc string) error {
	found := s.lookupAsync(doc)
	for {
		select {
		case err := <-found:
			return err
		case <-tick:
			fmt.Println("still looking up", doc)
		}
	}
}
