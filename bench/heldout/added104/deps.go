//go:build tools

package corpusheld104

import (
	_ "code.gitea.io/gitea/services/repository"
	_ "github.com/cloudnative-pg/cloudnative-pg/internal/controller"
	_ "github.com/pocketbase/pocketbase/core"
)
