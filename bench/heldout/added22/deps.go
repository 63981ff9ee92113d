//go:build tools

// centrifugo/v6 has only main and internal packages, none importable
// here: go.mod's first require block keeps it.
package corpusheld22

import (
	_ "github.com/DeRuina/timberjack"
	_ "github.com/cilium/statedb"
	_ "github.com/codesenberg/bombardier/template"
	_ "github.com/grafana/pyroscope-go"
	_ "github.com/k3s-io/kine/pkg/endpoint"
	_ "github.com/samber/do/v2"
	_ "github.com/schollz/croc/v10/src/croc"
	_ "github.com/seaweedfs/raft"
	_ "github.com/superfly/litefs"
	_ "github.com/vbauerster/mpb/v8"
)
