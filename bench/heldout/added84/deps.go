//go:build tools

package corpusheld84

import (
	_ "github.com/cert-manager/cert-manager/pkg/controller"
	_ "github.com/kedacore/keda/v2/pkg/scaling"
)
