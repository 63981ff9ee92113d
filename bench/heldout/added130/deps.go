//go:build tools

package corpusheld130

import (
	_ "github.com/google/osv-scanner/v2/pkg/osvscanner"
	_ "github.com/wagoodman/dive/dive/filetree"
)
