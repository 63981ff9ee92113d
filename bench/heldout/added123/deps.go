//go:build tools

package corpusheld123

import (
	_ "github.com/grafana/alloy/internal/component/loki/source/file"
)
