package lockblock

import (
	"sync"

	"lockblock/dep"
)

// A read lock handed to a reader of another package whose Close releases
// it through a closure kept in a field (go-mysql-server's MySQLDb.Reader,
// under dolt's binlog replication).

// Near miss: the reader is closed before the editor write-locks.
func readThenEdit(db *dep.PrivDB) bool {
	rd := db.Reader()
	_ = rd
	rd.Close()
	ed := db.Editor() // ok: the reader released its read lock through its closure
	defer ed.Close()
	return true
}

// Bad: the editor write-locks while the reader still holds the read lock.
func editWhileReading(db *dep.PrivDB) {
	rd := db.Reader()
	defer rd.Close()
	ed := db.Editor() // want `call to \(\*PrivDB\).Editor locks db.lock for writing while it is read-locked on this path`
	ed.Close()
}

// The same within the package: a snapshot read-locks its store and keeps
// the release in a field.
type snapStore struct {
	mu   sync.RWMutex
	data map[string]int
}

type snapshot struct {
	data    map[string]int
	release func()
}

func (s *snapStore) snapshot() *snapshot {
	s.mu.RLock()
	return &snapshot{data: s.data, release: func() { s.mu.RUnlock() }}
}

func (sn *snapshot) done() { sn.release() }

func (s *snapStore) put(k string, v int) {
	s.mu.Lock()
	s.data[k] = v
	s.mu.Unlock()
}

// Near miss: the snapshot is done before put write-locks.
func (s *snapStore) copyThenPut(k string) {
	sn := s.snapshot()
	v := sn.data[k]
	sn.done()
	s.put(k, v+1) // ok: done released the read lock through the snapshot's closure
}

// Bad: put write-locks while the snapshot still holds the read lock.
func (s *snapStore) putWhileReading(k string) {
	sn := s.snapshot()
	defer sn.done()
	s.put(k, sn.data[k]+1) // want `call to \(\*snapStore\).put locks s.mu for writing while it is read-locked on this path`
}
