//go:build tools

package corpusheld96

import (
	_ "dagger.io/dagger/engineconn"
	_ "github.com/containerd/nerdctl/v2/pkg/imgutil"
	_ "github.com/google/osv-scalibr/enricher/license"
	_ "github.com/jfrog/jfrog-client-go/artifactory"
	_ "github.com/tilt-dev/tilt/pkg/model"
)
