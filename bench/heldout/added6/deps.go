//go:build tools

package corpusheld6

import (
	_ "github.com/go-sql-driver/mysql"
	_ "github.com/gomodule/redigo/redis"
	_ "github.com/lesismal/nbio"
	_ "github.com/mochi-mqtt/server/v2"
	_ "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	_ "github.com/oklog/run"
	_ "github.com/panjf2000/gnet/v2"
	_ "github.com/riverqueue/river"
	_ "github.com/tidwall/buntdb"
	_ "github.com/valyala/fasthttp"
	_ "go.temporal.io/sdk/client"
)
