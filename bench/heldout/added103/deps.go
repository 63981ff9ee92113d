//go:build tools

package corpusheld103

import (
	_ "github.com/envoyproxy/gateway/api/v1alpha1"
	_ "knative.dev/serving/pkg/activator"
)
