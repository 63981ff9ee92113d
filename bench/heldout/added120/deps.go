//go:build tools

package corpusheld120

import (
	_ "github.com/nknorg/nkn/v2/node"
	_ "github.com/rqlite/rqlite/v8/store"
	_ "github.com/zrepl/zrepl/internal/daemon"
)
