//go:build tools

package corpusheld82

import (
	_ "github.com/buchgr/bazel-remote/v2/server"
)
