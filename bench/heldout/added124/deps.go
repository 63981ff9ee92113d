//go:build tools

package corpusheld124

import (
	_ "github.com/aerospike/aerospike-client-go/v7"
	_ "github.com/onsi/ginkgo/v2"
	_ "github.com/shadowsocks/go-shadowsocks2/core"
	_ "github.com/tikv/pd/client"
	_ "github.com/yuin/gopher-lua"
)
