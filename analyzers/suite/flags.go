package suite

import "github.com/conclint/conclint/internal/passutil"

// Every pass gets the -unused-ignores flag (-<pass>.unused-ignores on the
// command line and under go vet): when set, the pass reports its
// //conclint:ignore directives that suppressed nothing. The flag is read
// by passutil.Guard from the pass's own Flags; there is no global switch.
func init() {
	for _, a := range passes {
		passutil.AddIgnoreFlags(a)
	}
}
