//go:build tools

package corpusheld58

import (
	_ "github.com/ogen-go/ogen/gen"
	_ "github.com/parquet-go/parquet-go"
	_ "github.com/pb33f/libopenapi"
	_ "github.com/pb33f/libopenapi-validator"
	_ "github.com/tetratelabs/wazero"
)
