//go:build tools

package corpusheld131

import (
	_ "github.com/projectdiscovery/dnsx/libs/dnsx"
	_ "github.com/projectdiscovery/httpx/runner"
	_ "github.com/projectdiscovery/subfinder/v2/pkg/runner"
)
