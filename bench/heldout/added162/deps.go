//go:build tools

package corpusheld162

import (
	_ "github.com/celestiaorg/celestia-app/v9/app"
	_ "github.com/celestiaorg/go-square/v4/inclusion"
	_ "github.com/celestiaorg/rsmt2d"
	_ "github.com/disgoorg/disgo/bot"
)
