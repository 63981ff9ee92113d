//go:build tools

package corpusheld89

import (
	_ "github.com/gocraft/work"
	_ "github.com/libp2p/go-yamux/v5"
	_ "github.com/olric-data/olric"
	_ "github.com/reugn/go-streams/flow"
)
