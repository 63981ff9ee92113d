//go:build tools

package corpusheld95

import (
	_ "d7y.io/dragonfly/v2/scheduler/scheduling"
	_ "github.com/m3db/m3/src/msg/producer/writer"
	_ "github.com/openkruise/kruise/pkg/util/expectations"
)
