//go:build tools

package corpusheld39

import (
	_ "github.com/blevesearch/bleve/v2"
	_ "github.com/cockroachdb/crlib/crsync"
	_ "github.com/cockroachdb/pebble/v2"
	_ "github.com/dolthub/go-mysql-server/server"
	_ "github.com/dolthub/vitess/go/mysql"
	_ "github.com/ipfs/go-ds-pebble"
	_ "github.com/segmentio/encoding/json"
	_ "github.com/tidwall/rtree"
)
