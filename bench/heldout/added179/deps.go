//go:build tools

package corpusheld179

import (
	_ "github.com/at-wat/mqtt-go"
	_ "github.com/bradenaw/juniper/parallel"
	_ "github.com/buildpacks/lifecycle/phase"
	_ "github.com/go-pkgz/pool"
)
