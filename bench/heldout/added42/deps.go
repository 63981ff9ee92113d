//go:build tools

package corpusheld42

import (
	_ "github.com/containerd/stargz-snapshotter/estargz"
	_ "github.com/fatedier/frp/client"
	_ "github.com/google/ko/pkg/build"
	_ "github.com/jpillora/chisel/client"
	_ "github.com/klauspost/pgzip"
	_ "github.com/moby/buildkit/solver"
	_ "github.com/regclient/regclient"
	_ "github.com/sigstore/cosign/v2/pkg/cosign"
)
