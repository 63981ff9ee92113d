//go:build tools

package corpusheld76

import (
	_ "github.com/openshift/library-go/pkg/controller/factory"
	_ "github.com/vmware/govmomi/session"
)
