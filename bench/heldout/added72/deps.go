//go:build tools

package corpusheld72

import (
	_ "knative.dev/pkg/controller"
)
