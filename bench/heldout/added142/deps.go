//go:build tools

package corpusheld142

import (
	_ "github.com/praetorian-inc/titus/pkg/scanner"
	_ "github.com/sigstore/timestamp-authority/v2/pkg/server"
	_ "github.com/sylabs/scs-library-client/client"
	_ "github.com/vulncheck-oss/go-exploit"
)
