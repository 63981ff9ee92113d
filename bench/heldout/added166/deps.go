//go:build tools

package corpusheld166

import (
	_ "github.com/pterm/pterm"
	_ "github.com/rancher/remotedialer"
)
