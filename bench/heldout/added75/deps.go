//go:build tools

package corpusheld75

import (
	_ "github.com/google/certificate-transparency-go/scanner"
	_ "github.com/letsencrypt/boulder/wfe2"
)
