//go:build tools

package corpusheld192

import (
	_ "bazil.org/fuse/fs"
	_ "github.com/charmbracelet/ultraviolet"
	_ "github.com/mxschmitt/playwright-go"
	_ "github.com/nlnwa/gowarc/v2"
	_ "github.com/pion/dtls/v4"
	_ "golang.org/x/perf/storage"
	_ "golang.org/x/vulndb/report"
	_ "gorm.io/gorm/schema"
)
