//go:build tools

package corpusheld175

import (
	_ "github.com/apache/iceberg-go/table"
	_ "github.com/biogo/hts/bgzf"
	_ "github.com/improbable-eng/grpc-web/go/grpcweb"
	_ "github.com/koron/go-ssdp"
)
