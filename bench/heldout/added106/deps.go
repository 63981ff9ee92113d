//go:build tools

package corpusheld106

import (
	_ "github.com/crowdsecurity/crowdsec/pkg/leakybucket"
	_ "github.com/juanfont/headscale/hscontrol"
	_ "github.com/karmada-io/karmada/pkg/scheduler"
)
