package lockblock

import "lockblock/dep"

// A read lock handed to a handle of another package: BlockSync read-locks
// the syncer and returns the block that Unblock releases it through.

// Near miss: each block is released before the next is taken.
func blockEachInTurn(s *dep.Syncer) {
	b := s.BlockSync()
	b.Unblock()
	b = s.BlockSync() // ok: the first block was released through its handle
	b.Unblock()
}

// The second block is taken while the first still holds the read lock:
// a writer that arrives in between waits for the first, and the second
// waits for the writer.
func blockTwice(s *dep.Syncer) {
	b := s.BlockSync()
	b2 := s.BlockSync() // want `call to \(\*Syncer\).BlockSync read-locks s.syncLock while it is already read-locked on this path`
	b2.Unblock()
	b.Unblock()
}
