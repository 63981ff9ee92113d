//go:build tools

package corpusheld146

import (
	_ "github.com/netsampler/goflow2/v2/cmd/goflow2"
	_ "github.com/opencontainers/runc/libcontainer"
	_ "github.com/sassoftware/relic/v8/server"
)
