//go:build tools

package corpusheld98

import (
	_ "github.com/evanw/esbuild/pkg/api"
	_ "github.com/juicedata/juicefs/pkg/compress"
	_ "github.com/milvus-io/milvus/client/v2/milvusclient"
	_ "github.com/milvus-io/milvus/pkg/v2/streaming/walimpls"
)
