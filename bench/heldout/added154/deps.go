//go:build tools

package corpusheld154

import (
	_ "github.com/google/gops/agent"
	_ "github.com/hashicorp/consul-template/manager"
	_ "github.com/letsencrypt/pebble/v2/wfe"
	_ "gvisor.dev/gvisor/pkg/tcpip/stack"
)
