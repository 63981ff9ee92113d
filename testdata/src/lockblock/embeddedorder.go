package lockblock

import "sync"

// A lock-order inversion through an embedded Mutex (go-nostr's nip60
// Wallet): pay holds tokensMu and calls save, which locks the wallet
// itself; the event loop locks the wallet, then tokensMu. The message
// names the embedded mutex one way (w.Mutex) and points at the Lock
// inside save.

type orderWallet struct {
	sync.Mutex
	tokensMu sync.Mutex
	tokens   []string
	history  []string
}

func (w *orderWallet) save(t string) {
	w.Lock()
	w.history = append(w.history, t)
	w.Unlock()
}

func (w *orderWallet) pay(t string) {
	w.tokensMu.Lock()
	defer w.tokensMu.Unlock()
	w.save(t) // want `lock order inversion: w\.Mutex is locked while w\.tokensMu is held here \(this call reaches \(\*orderWallet\)\.save, which locks it\), but elsewhere w\.tokensMu is locked while w\.Mutex is held`
}

func (w *orderWallet) onEvent(t string) {
	w.Lock()
	defer w.Unlock()
	w.tokensMu.Lock()
	w.tokens = append(w.tokens, t)
	w.tokensMu.Unlock()
}

// orderWalletKept is the near miss: its event handler lets go of the
// wallet before it takes tokensMu, so the two are never held the other
// way round.
type orderWalletKept struct {
	sync.Mutex
	tokensMu sync.Mutex
	tokens   []string
	history  []string
}

func (w *orderWalletKept) save(t string) {
	w.Lock()
	w.history = append(w.history, t)
	w.Unlock()
}

func (w *orderWalletKept) pay(t string) {
	w.tokensMu.Lock()
	defer w.tokensMu.Unlock()
	w.save(t)
}

func (w *orderWalletKept) onEvent(t string) {
	w.Lock()
	w.history = append(w.history, "event")
	w.Unlock()
	w.tokensMu.Lock()
	w.tokens = append(w.tokens, t)
	w.tokensMu.Unlock()
}
