//go:build tools

package corpusheld62

import (
	_ "github.com/ava-labs/avalanchego/network"
	_ "github.com/containerd/nydus-snapshotter/pkg/filesystem"
	_ "github.com/containerd/stargz-snapshotter/fs"
	_ "github.com/prometheus-community/parquet-common/search"
	_ "storj.io/common/sync2"
	_ "storj.io/eventkit"
)
