//go:build tools

package corpusheld117

import (
	_ "github.com/cloudflare/cfssl/cli/serve"
	_ "github.com/gopasspw/gopass/pkg/gopass/api"
	_ "github.com/openbao/openbao/api/v2"
)
