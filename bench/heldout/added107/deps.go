//go:build tools

package corpusheld107

import (
	_ "github.com/AdguardTeam/dnsproxy/upstream"
	_ "github.com/alibaba/sentinel-golang/api"
	_ "github.com/bluenviron/mediamtx"
	_ "github.com/openziti/ziti/controller"
	_ "github.com/openziti/ziti/router"
)
