//go:build tools

package corpusheld167

import (
	_ "github.com/beego/beego/v2/server/web"
	_ "github.com/celestiaorg/go-header/sync"
	_ "github.com/go-stomp/stomp/v3/server"
)
