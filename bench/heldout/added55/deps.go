//go:build tools

package corpusheld55

import (
	_ "github.com/EventStore/EventStore-Client-Go/v3/esdb"
	_ "github.com/lesismal/llib/std/net/http"
	_ "github.com/osrg/gobgp/v4/pkg/server"
	_ "github.com/seaweedfs/go-fuse/v2/fs"
	_ "github.com/synadia-io/orbit.go/ntf-client"
	_ "github.com/tus/tusd/pkg/handler"
	_ "github.com/zishang520/socket.io/servers/socket/v3"
	_ "gocloud.dev/pubsub/rabbitpubsub"
	_ "sigs.k8s.io/kube-network-policies/pkg/networkpolicy"
)
