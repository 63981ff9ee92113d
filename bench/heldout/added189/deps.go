//go:build tools

package corpusheld189

import (
	_ "github.com/go-pkgz/lcw/v2"
	_ "github.com/hibiken/asynqmon"
	_ "github.com/maypok86/otter"
)
