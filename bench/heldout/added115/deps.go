//go:build tools

package corpusheld115

import (
	_ "github.com/AdguardTeam/AdGuardHome/internal/home"
	_ "github.com/netbirdio/netbird/client/internal"
)
