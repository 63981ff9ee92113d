//go:build tools

package corpusheld74

import (
	_ "github.com/traefik/traefik/v3/pkg/safe"
)
