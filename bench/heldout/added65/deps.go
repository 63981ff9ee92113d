//go:build tools

package corpusheld65

import (
	_ "github.com/aws-cloudformation/rain/cft"
	_ "github.com/google/pprof/driver"
	_ "github.com/maragudk/goqite"
	_ "github.com/mikefarah/yq/v4/pkg/yqlib"
	_ "sigs.k8s.io/gateway-api/conformance/utils/suite"
)
