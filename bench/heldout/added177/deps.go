//go:build tools

package corpusheld177

import (
	_ "github.com/consensys/gnark/backend/plonk/bn254"
	_ "github.com/daixiang0/gci/pkg/gci"
	_ "github.com/launchdarkly/go-server-sdk/v7"
)
