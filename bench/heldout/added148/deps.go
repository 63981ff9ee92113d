//go:build tools

package corpusheld148

import (
	_ "github.com/projectdiscovery/utils/channelutil"
	_ "github.com/yannh/kubeconform/pkg/validator"
	_ "osv.dev/bindings/go/osvdev"
)
