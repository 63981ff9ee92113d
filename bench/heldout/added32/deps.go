//go:build tools

package corpusheld32

import (
	_ "connectrpc.com/grpchealth"
	_ "github.com/anishathalye/porcupine"
	_ "github.com/coinbase/step/machine"
	_ "github.com/felixge/fgprof"
	_ "github.com/hazelcast/hazelcast-go-client"
	_ "github.com/k8snetworkplumbingwg/whereabouts/pkg/controlloop"
	_ "github.com/opentracing-contrib/go-grpc"
	_ "github.com/ti-mo/netfilter"
	_ "github.com/tikv/client-go/v2/tikv"
)
