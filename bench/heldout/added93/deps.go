//go:build tools

package corpusheld93

import (
	_ "github.com/cli/cli/v2/pkg/cmd/run/watch"
	_ "github.com/docker/compose/v2/pkg/compose"
	_ "github.com/google/osv-scanner/pkg/osv"
	_ "github.com/thanos-io/objstore"
	_ "github.com/uber/kraken/lib/torrent/scheduler"
)
