//go:build tools

package corpusheld133

import (
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/projectdiscovery/katana/pkg/engine"
)
