//go:build tools

package corpusheld77

import (
	_ "github.com/bluesky-social/indigo/bgs"
	_ "github.com/dgraph-io/badger/v3"
	_ "github.com/jbenet/goprocess"
	_ "github.com/moby/spdystream"
	_ "github.com/puzpuzpuz/xsync/v3"
)
