//go:build tools

package corpusheld149

import (
	_ "filippo.io/torchwood"
	_ "github.com/bazelbuild/remote-apis-sdks/go/pkg/client"
	_ "github.com/drand/drand/v2/cmd/drand"
)
