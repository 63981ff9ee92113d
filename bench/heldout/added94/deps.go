//go:build tools

package corpusheld94

import (
	_ "github.com/alitto/pond"
	_ "github.com/anacrolix/torrent"
	_ "github.com/bojand/ghz/runner"
	_ "github.com/cloudflare/cloudflared/supervisor"
	_ "github.com/containrrr/watchtower/pkg/container"
	_ "github.com/go-gost/core/chain"
	_ "github.com/go-gost/x/service"
)
