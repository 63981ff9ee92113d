//go:build tools

package corpusheld102

import (
	_ "github.com/dexidp/dex/server"
	_ "github.com/hypermodeinc/dgraph/v25/worker"
	_ "github.com/weaviate/weaviate/usecases/objects"
)
