package errgroupwait

import (
	"sync"

	"example.com/testify/require"
)

// Good: the path that skips Done ends in require.FailNow, a helper of
// another package whose every path ends the goroutine (t.FailNow on an
// interface that has it) or panics: its NeverReturnsFact. ctrlflow does
// not know it (assert.FailNow's "return false" is a reachable return to
// a reader of the syntax).
func doneOrFailNow(t require.TestingT, keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				require.FailNow(t, err.Error())
				return // ok: not reached, require.FailNow never returns
			}
			res[i] = v
			wg.Done()
		}()
	}
	wg.Wait()
	return res
}

// Bad: require.True returns when its value holds, and so does the
// goroutine, without Done.
func doneOrCheck(t require.TestingT, keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				require.True(t, len(k) > 0, err.Error())
				return // want `goroutine returns here without calling wg.Done`
			}
			res[i] = v
			wg.Done()
		}()
	}
	wg.Wait()
	return res
}
