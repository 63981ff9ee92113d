package succeed // want package:"inputOnly\\(Close CloseVia Recovered Sync TypedNil myErr.Error\\)"

// Functions whose error result is nil on every return (SucceedsFact),
// and near misses that may return a non-nil error.

import (
	"errors"
	"os"
)

// Close fits io.Closer but cannot fail.
func Close() error { // want Close:"succeeds"
	return nil
}

// CloseVia returns what a function that cannot fail returns.
func CloseVia() error { // want CloseVia:"succeeds"
	return Close()
}

// Sync returns nil or what Close returns: nil on every path.
func Sync(b bool) error { // want Sync:"succeeds"
	var err error
	if b {
		err = Close()
	}
	return err
}

// Count has a non-error result too; its error is always nil.
func Count(name string) (int, error) { // want Count:"succeeds"
	_ = os.Remove(name)
	return len(name), nil
}

type myErr struct{}

func (*myErr) Error() string { return "mine" }

// TypedNil returns a nil *myErr as an error: not a nil interface.
func TypedNil() error { // want TypedNil:"fails"
	var p *myErr
	return p
}

// Recovered may set its named result in a deferred call.
func Recovered(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("recovered")
		}
	}()
	f()
	return nil
}

// Remove may fail.
func Remove(name string) error {
	if name == "" {
		return nil
	}
	return os.Remove(name)
}
