package idioms

import "sync"

func trackedWorker(wg *sync.WaitGroup, track bool, i int) {
	_ = work(i)
	if track {
		wg.Done()
	}
}

// 89. conditional tracking through a named worker's parameter.
func ConditionalNamed(items []int, track bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		if track {
			wg.Add(1)
		}
		go trackedWorker(&wg, track, it)
	}
	wg.Wait()
}

type svc struct{ wg *sync.WaitGroup }

func (s *svc) run(i int) {
	_ = work(i)
	if s.wg != nil {
		s.wg.Done()
	}
}

// 90. optional WaitGroup in a field, Done nil-checked in a method.
func OptionalField(items []int, wg *sync.WaitGroup) {
	s := &svc{wg: wg}
	for _, it := range items {
		if wg != nil {
			wg.Add(1)
		}
		go s.run(it)
	}
}
