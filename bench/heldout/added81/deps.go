//go:build tools

package corpusheld81

import (
	_ "github.com/google/trillian/log"
	_ "knative.dev/networking/pkg/prober"
	_ "knative.dev/pkg/controller"
)
