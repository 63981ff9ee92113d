//go:build tools

package corpusheld207

import (
	_ "charm.land/fantasy"
	_ "fyne.io/fyne/v2/data/binding"
	_ "github.com/charmbracelet/x/vt"
	_ "github.com/dagger/otel-go"
	_ "github.com/jhump/protoreflect/grpcreflect"
	_ "tinygo.org/x/bluetooth"
)
