//go:build tools

package corpusheld170

import (
	_ "github.com/tdewolff/minify/v2"
	_ "github.com/tmaxmax/go-sse"
	_ "oss.terrastruct.com/d2/d2cli"
)
