//go:build tools

package corpusheld138

import (
	_ "github.com/benbjohnson/litestream"
	_ "github.com/cenkalti/rain/torrent"
)
