//go:build tools

package corpusheld110

import (
	_ "github.com/drone/drone-runtime/runtime"
	_ "github.com/drone/drone/cmd/drone-server"
	_ "github.com/gotify/server/v2/api"
	_ "github.com/nakabonne/ali"
	_ "github.com/rakyll/hey"
)
