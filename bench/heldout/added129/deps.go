//go:build tools

package corpusheld129

import (
	_ "github.com/junegunn/fzf/src"
	_ "github.com/open-policy-agent/conftest/runner"
)
