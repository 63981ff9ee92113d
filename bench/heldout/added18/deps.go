//go:build tools

package corpusheld18

import (
	_ "github.com/cloudwego/hertz/pkg/app/server"
	_ "github.com/couchbase/gocb/v2"
	_ "github.com/cristalhq/hedgedhttp"
	_ "github.com/emiago/sipgo/sip"
	_ "github.com/modelcontextprotocol/go-sdk/mcp"
	_ "github.com/pires/go-proxyproto"
	_ "github.com/plgd-dev/go-coap/v3"
	_ "github.com/sethvargo/go-limiter/memorystore"
	_ "github.com/tarantool/go-tarantool/v3"
	_ "storj.io/drpc/drpcserver"
)
