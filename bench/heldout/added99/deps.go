//go:build tools

package corpusheld99

import (
	_ "chainguard.dev/apko/pkg/build"
	_ "chainguard.dev/melange/pkg/build"
	_ "github.com/OJ/gobuster/v3/libgobuster"
	_ "github.com/ffuf/ffuf/v2/pkg/ffuf"
	_ "github.com/jesseduffield/lazygit/pkg/gui"
	_ "github.com/kyverno/kyverno/pkg/webhooks"
)
