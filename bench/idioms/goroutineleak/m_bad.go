package idioms

import "sync"

// BAD 10b: same as BadWGGo with go statements
func BadWGAdd(items []int, f func(int) (int, error)) ([]int, error) {
	var wg sync.WaitGroup
	type r struct {
		v   int
		err error
	}
	out := make(chan r)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := f(it)
			out <- r{v, err}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	var res []int
	for x := range out {
		if x.err != nil {
			return nil, x.err
		}
		res = append(res, x.v)
	}
	return res, nil
}
