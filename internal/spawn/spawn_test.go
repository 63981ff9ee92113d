package spawn

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"
)

// TestFactRoundTrip proves a ParamsFact survives the gob encoding that
// carries facts between packages.
func TestFactRoundTrip(t *testing.T) {
	in := &ParamsFact{Params: []ParamFact{{}, {Sends: Many, MinSends: 1, Recv: RecvRange, Closes: true, SendWhat: "sends on out"}}}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	out := new(ParamsFact)
	if err := gob.NewDecoder(&buf).Decode(out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: got %+v, want %+v", out, in)
	}
}
