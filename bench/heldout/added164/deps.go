//go:build tools

package corpusheld164

import (
	_ "entgo.io/ent/entc/gen"
	_ "github.com/cosmos/cosmos-sdk/server"
	_ "golang.org/x/mobile/bind"
)
