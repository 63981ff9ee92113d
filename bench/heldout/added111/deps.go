//go:build tools

package corpusheld111

import (
	_ "github.com/chaos-mesh/chaos-mesh/pkg/bpm"
	_ "github.com/filebrowser/filebrowser/v2/http"
	_ "github.com/navidrome/navidrome/server/subsonic"
	_ "github.com/pion/ion-sfu/pkg/relay"
	_ "github.com/usememos/memos/server"
)
