package goroutineleak

import "sync"

// poster is a worker with no way to stop it (certificate-transparency-go's
// fixchain Logger and its postServer): production code starts one per
// owner (StartPoster); a test starts one per case (scaffolding_test.go).
type poster struct {
	toPost chan string
	posted []string
	mu     sync.Mutex
	wg     sync.WaitGroup
}

func (p *poster) queue(s string) {
	p.wg.Add(1)
	go func() { p.toPost <- s }()
}

func (p *poster) wait() { p.wg.Wait() }

func (p *poster) serve() {
	for {
		s := <-p.toPost
		p.mu.Lock()
		p.posted = append(p.posted, s)
		p.mu.Unlock()
		p.wg.Done()
	}
}

// StartPoster is the production start: the poster it returns serves for
// as long as its owner keeps it (nothing shows the owner letting go).
func StartPoster() *poster {
	p := &poster{toPost: make(chan string)}
	go p.serve()
	return p
}
