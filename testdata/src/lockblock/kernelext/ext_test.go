package kernelext_test

import (
	"testing"

	"lockblock/kernelext"
)

func TestExternal(t *testing.T) {
	h := &kernelext.Health{}
	_ = h.OpenMonitorChannel()
}
