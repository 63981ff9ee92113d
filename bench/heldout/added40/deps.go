//go:build tools

package corpusheld40

import (
	_ "github.com/FerretDB/FerretDB/ferretdb"
	_ "github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/authzed/spicedb/pkg/datastore"
	_ "github.com/cometbft/cometbft/p2p"
	_ "github.com/creachadair/jrpc2"
	_ "github.com/creachadair/taskgroup"
	_ "github.com/ethereum/go-ethereum/p2p"
	_ "github.com/nacos-group/nacos-sdk-go/v2/clients"
)
