//go:build tools

package corpusheld87

import (
	_ "github.com/crossplane/crossplane/cmd/crank/beta/trace"
	_ "github.com/lima-vm/lima/pkg/hostagent"
)
