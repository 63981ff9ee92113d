//go:build tools

package corpusheld140

import (
	_ "github.com/quay/clair/v4/cmd/clair"
	_ "github.com/quay/claircore/libindex"
)
