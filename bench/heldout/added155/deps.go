//go:build tools

package corpusheld155

import (
	_ "github.com/newrelic/go-agent/v3/newrelic"
	_ "github.com/oklog/oklog/pkg/store"
	_ "github.com/projectdiscovery/tlsx/pkg/tlsx"
)
