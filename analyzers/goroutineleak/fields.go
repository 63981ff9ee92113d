package goroutineleak

import (
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// collectField returns the uses of mk when it is kept in a struct field
// that fn owns (chans.OwnedField: made, stored, used by the goroutines fn
// starts and by fn itself, nowhere else), with the field's loads counted
// as the channel and the goroutines that load it as its users; nil when
// ownership is not clear (the caller stays silent, as for any escape).
func (c *checker) collectField(fn *ssa.Function, mk *ssa.MakeChan) *chanUse {
	if c.index == nil {
		c.index = c.sharedIndex()
	}
	fo, ok := c.index.OwnedField(mk)
	if !ok || len(fo.Sites) == 0 {
		return nil
	}
	u := c.collect(fn, mk, fo)
	if len(u.escapes) > 0 {
		return nil
	}
	name := ssax.Name(fo.Store.Addr)
	for _, gs := range fo.Sites {
		for _, g := range u.goroutines {
			if g.site == gs {
				return nil // ok: a goroutine that gets the channel both ways is not modelled
			}
		}
		beh := c.sp.RootsBehavior(fo.Body[gs], name, fo.Bodies[gs])
		u.goroutines = append(u.goroutines, goroutine{site: gs, beh: beh, body: calleeName(gs), field: fo.Field, fieldLoads: fo.Bodies[gs]})
	}
	// A helper the owner hands the value to (t.add(x)) does to the
	// channel what its body does, at the call.
	for _, call := range fo.Helpers {
		beh := c.sp.RootsBehavior(fo.HelperFn[call], name, fo.HelperLoads[call])
		if _, plain := call.(*ssa.Call); plain && c.model != nil && onlyReceives(beh) {
			if stop, failsOnStop := c.model.HelperStopsEarly(fo.HelperFn[call], fo.Field, fo.HelperLoads[call]); stop != nil {
				// watch(tr): it ranges over tr's channel and can return
				// from inside its loop
				u.events = append(u.events, earlyStopEvent(call, stop, failsOnStop))
				continue
			}
		}
		c.callUse(u, call, beh, calleeName(call))
	}
	return u
}
