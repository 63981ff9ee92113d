//go:build tools

package corpusheld31

import (
	_ "github.com/arl/statsviz"
	_ "github.com/chzyer/readline"
	_ "github.com/cloudflare/ipvs"
	_ "github.com/gdamore/tcell/v2"
	_ "github.com/reviewdog/reviewdog"
	_ "github.com/rivo/tview"
	_ "github.com/transparency-dev/tesseract"
	_ "github.com/virtual-kubelet/virtual-kubelet/node"
	_ "go.bug.st/serial"
	_ "miniflux.app/v2/client"
)
