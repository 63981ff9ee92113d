//go:build tools

package corpusheld36

import (
	_ "github.com/cskr/pubsub"
	_ "github.com/ipfs/go-ipfs-cmds"
	_ "github.com/ipfs/go-peertaskqueue"
	_ "github.com/ipfs/kubo/core"
	_ "github.com/jaegertracing/jaeger/cmd/collector/app"
	_ "github.com/matrix-org/dendrite/federationapi"
	_ "github.com/matrix-org/gomatrixserverlib"
	_ "github.com/open-policy-agent/opa/v1/server"
	_ "github.com/spiffe/spire/pkg/agent"
)
