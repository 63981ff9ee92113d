//go:build tools

package corpusheld143

import (
	_ "github.com/git-lfs/git-lfs/v3/tq"
	_ "golang.org/x/build/maintner"
)
