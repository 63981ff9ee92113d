package lockblock

import "sync"

// A lock handed to a returned object: Begin locks the store's writer
// mutex and returns a transaction that holds the store; Commit releases
// the mutex through the transaction (tx.st.writer is st.writer).

type handleStore struct {
	writer sync.Mutex
	data   map[string]int
}

type handleTx struct {
	st      *handleStore
	write   bool
	done    bool
	pending map[string]int
}

func (st *handleStore) Begin(write bool) *handleTx {
	if write {
		st.writer.Lock()
	}
	return &handleTx{st: st, write: write}
}

func (tx *handleTx) Commit() {
	if !tx.write || tx.done {
		return // a read transaction, or committed already
	}
	tx.done = true
	for k, v := range tx.pending {
		tx.st.data[k] = v
	}
	tx.st.writer.Unlock()
}

func newHandleStore() (*handleStore, error) {
	return &handleStore{data: map[string]int{}}, nil
}

// Near miss: each write transaction is committed before the next begins
// (Commit's loop over the pending writes is what made the old lock state
// lose the release through the handle).
func handleCommitted() {
	st, err := newHandleStore()
	if err != nil {
		return
	}
	tx := st.Begin(true)
	tx.st.data["a"] = 1
	tx.Commit()
	tx = st.Begin(true) // ok: the first transaction released the writer through Commit
	tx.Commit()
}

// The second write transaction begins while the first still holds the
// writer: the goroutine waits for itself.
func handleLeftOpen() {
	st, err := newHandleStore()
	if err != nil {
		return
	}
	tx := st.Begin(true)
	tx.st.data["a"] = 1
	tx2 := st.Begin(true) // want `call to \(\*handleStore\).Begin locks st.writer while it is already locked on this path`
	tx2.Commit()
	tx.Commit()
}
