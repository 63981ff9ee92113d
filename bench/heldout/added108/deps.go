//go:build tools

package corpusheld108

import (
	_ "github.com/argoproj/argo-events/pkg/sensors"
	_ "github.com/authelia/authelia/v4/internal/utils"
	_ "github.com/ory/keto/ketoapi"
)
