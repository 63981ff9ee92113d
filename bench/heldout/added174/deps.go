//go:build tools

package corpusheld174

import (
	_ "github.com/rancher/wrangler/v3/pkg/leader"
	_ "github.com/rjeczalik/notify"
	_ "github.com/xssnick/tonutils-go/liteclient"
)
