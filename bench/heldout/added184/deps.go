//go:build tools

package corpusheld184

import (
	_ "github.com/perses/perses/pkg/client/api/v1"
	_ "github.com/ydb-platform/ydb-go-yc"
)
