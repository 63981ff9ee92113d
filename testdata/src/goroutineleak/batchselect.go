package goroutineleak

import (
	"errors"
	"sync"
	"time"
)

// Two-stage pipelines whose consumer receives in a select: it batches the
// values and also flushes on a ticker, so its receive is one case of
// several (the shape of juniper's stream.BatchFunc, whose batcher returns
// when a flush fails and leaves its feeder in a plain send).

var errBatchWrite = errors.New("write failed")

func writeBatch(batch []int) error {
	for _, id := range batch {
		if id < 0 {
			return errBatchWrite
		}
	}
	return nil
}

// Bad: the consumer returns from its receive's case when a write fails;
// the producer's next send blocks forever, and so does wg.Wait.
func batchWrites(ids []int) error {
	var wg sync.WaitGroup
	var err error
	items := make(chan int)
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(items)
		for _, id := range ids {
			items <- id // want `goroutine can block forever in send on items: it sends until items is closed, and the goroutine that receives from it can return before that \(goroutine leak\)`
		}
	}()
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		var batch []int
		for {
			select {
			case id, ok := <-items:
				if !ok {
					if len(batch) > 0 {
						err = writeBatch(batch)
					}
					return
				}
				batch = append(batch, id)
				if len(batch) == 2 {
					if err = writeBatch(batch); err != nil {
						return
					}
					batch = nil
				}
			case <-tick.C:
				if len(batch) > 0 {
					if err = writeBatch(batch); err != nil {
						return
					}
					batch = nil
				}
			}
		}
	}()
	wg.Wait()
	return err
}

// Good: a failed write is kept, and the consumer goes on receiving (and
// dropping) until the close.
func batchWritesDraining(ids []int) error {
	var wg sync.WaitGroup
	var err error
	items := make(chan int)
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(items)
		for _, id := range ids {
			items <- id
		}
	}()
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		var batch []int
		for {
			select {
			case id, ok := <-items:
				if !ok {
					if len(batch) > 0 && err == nil {
						err = writeBatch(batch)
					}
					return
				}
				if err != nil {
					continue
				}
				batch = append(batch, id)
				if len(batch) == 2 {
					err = writeBatch(batch)
					batch = nil
				}
			case <-tick.C:
				if len(batch) > 0 && err == nil {
					err = writeBatch(batch)
					batch = nil
				}
			}
		}
	}()
	wg.Wait()
	return err
}

// Good: the producer sends in a select on a done channel that the
// consumer closes as it returns.
func batchWritesReleased(ids []int) error {
	var wg sync.WaitGroup
	var err error
	items := make(chan int)
	done := make(chan struct{})
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(items)
		for _, id := range ids {
			select {
			case items <- id:
			case <-done:
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		defer close(done)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		var batch []int
		for {
			select {
			case id, ok := <-items:
				if !ok {
					if len(batch) > 0 {
						err = writeBatch(batch)
					}
					return
				}
				batch = append(batch, id)
				if len(batch) == 2 {
					if err = writeBatch(batch); err != nil {
						return
					}
					batch = nil
				}
			case <-tick.C:
			}
		}
	}()
	wg.Wait()
	return err
}

// Good: the consumer leaves early only on the stop channel, which the
// owner closes once the producer is done (it is joined first).
func batchWritesStopped(ids []int) error {
	var producer, consumer sync.WaitGroup
	var err error
	items := make(chan int)
	stop := make(chan struct{})
	producer.Add(1)
	go func() {
		defer producer.Done()
		for _, id := range ids {
			items <- id
		}
	}()
	consumer.Add(1)
	go func() {
		defer consumer.Done()
		var batch []int
		for {
			select {
			case id, ok := <-items:
				if !ok {
					return
				}
				batch = append(batch, id)
				if len(batch) == 2 {
					if werr := writeBatch(batch); werr != nil && err == nil {
						err = werr
					}
					batch = nil
				}
			case <-stop:
				if len(batch) > 0 && err == nil {
					err = writeBatch(batch)
				}
				return
			}
		}
	}()
	producer.Wait()
	close(stop)
	consumer.Wait()
	return err
}
