//go:build tools

package corpusheld176

import (
	_ "github.com/noborus/ov/oviewer"
	_ "github.com/showwin/speedtest-go/speedtest"
	_ "github.com/t4db/t4"
	_ "gopkg.in/rethinkdb/rethinkdb-go.v6"
)
