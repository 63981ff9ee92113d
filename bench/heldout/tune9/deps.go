//go:build tools

package corpustune9

import (
	_ "github.com/benbjohnson/clock"
	_ "github.com/caddyserver/certmagic"
	_ "github.com/envoyproxy/go-control-plane/pkg/server/v3"
	_ "github.com/grpc-ecosystem/go-grpc-middleware/v2"
	_ "github.com/gubernator-io/gubernator/v2"
	_ "github.com/hashicorp/vault/api"
	_ "github.com/jonboulle/clockwork"
	_ "github.com/moby/moby/client"
)
