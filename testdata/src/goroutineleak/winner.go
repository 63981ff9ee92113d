package goroutineleak

import "errors"

// The winner-or-error protocol: dialers race, the first success is sent on
// winner, later ones are dropped; when none succeeds an error is sent on
// errc; winner is closed at the end. The caller reads errc only once winner
// turned out closed and empty, so the error is needed exactly when it is
// sent (netbird's RaceDial.Dial and ServerPicker.PickServer).

var errNoDialer = errors.New("no dialer succeeded")

// Good: the flag that skips the error is set only where the winner is
// sent, and the winner is sent at most once into its buffer of one.
func dialRace(dials []func() (int, error)) (int, error) {
	results := make(chan dialOutcome, len(dials))
	winner := make(chan int, 1)
	errc := make(chan error, 1)
	for _, d := range dials {
		go func() {
			c, err := d()
			results <- dialOutcome{c, err}
		}()
	}
	go pickWinner(len(dials), results, winner, errc)
	c, ok := <-winner
	if !ok {
		return 0, <-errc // ok: reached only when nothing was sent on winner, and then errc is sent on
	}
	return c, nil
}

type dialOutcome struct {
	conn int
	err  error
}

func pickWinner(n int, results chan dialOutcome, winner chan int, errc chan error) {
	var won bool
	for i := 0; i < n; i++ {
		r := <-results
		if r.err != nil {
			continue
		}
		if won {
			continue // a later success: dropped
		}
		won = true
		winner <- r.conn // ok: at most once, into a buffer of one
	}
	if !won {
		errc <- errNoDialer
	}
	close(winner)
}

// Bad: the near miss: a success with a zero connection also sets the flag,
// but sends nothing on winner; the caller then finds winner closed and
// waits on errc, which is skipped.
func dialRaceLossy(dials []func() (int, error)) (int, error) {
	results := make(chan dialOutcome, len(dials))
	winner := make(chan int, 1)
	errc := make(chan error, 1)
	for _, d := range dials {
		go func() {
			c, err := d()
			results <- dialOutcome{c, err}
		}()
	}
	go pickWinnerLossy(len(dials), results, winner, errc)
	c, ok := <-winner
	if !ok {
		return 0, <-errc // want `receive from errc blocks forever when goroutineleak.pickWinnerLossy returns without sending`
	}
	return c, nil
}

func pickWinnerLossy(n int, results chan dialOutcome, winner chan int, errc chan error) {
	var won bool
	for i := 0; i < n; i++ {
		r := <-results
		if r.err != nil || won {
			continue
		}
		won = true
		if r.conn == 0 {
			continue // counted as won, but nothing sent
		}
		winner <- r.conn
	}
	if !won {
		errc <- errNoDialer
	}
	close(winner)
}

// Bad: the flag is cleared again after a failure, so a second success
// sends on winner again, into a full buffer that nobody reads.
func dialRaceRepeating(dials []func() (int, error)) (int, error) {
	results := make(chan dialOutcome, len(dials))
	winner := make(chan int, 1)
	errc := make(chan error, 1)
	for _, d := range dials {
		go func() {
			c, err := d()
			results <- dialOutcome{c, err}
		}()
	}
	go pickWinnerRepeating(len(dials), results, winner, errc)
	c, ok := <-winner
	if !ok {
		return 0, <-errc
	}
	return c, nil
}

func pickWinnerRepeating(n int, results chan dialOutcome, winner chan int, errc chan error) {
	var won bool
	for i := 0; i < n; i++ {
		r := <-results
		if r.err != nil {
			won = false // forgets the winner it sent
			continue
		}
		if won {
			continue
		}
		won = true
		winner <- r.conn // want `goroutine can block forever in send on winner`
	}
	if !won {
		errc <- errNoDialer
	}
	close(winner)
}
