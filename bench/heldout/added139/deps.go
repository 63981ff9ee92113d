//go:build tools

package corpusheld139

import (
	_ "github.com/apptainer/container-library-client/client"
	_ "github.com/chihaya/chihaya/bittorrent"
	_ "github.com/compose-spec/compose-go/v2/loader"
	_ "github.com/grafana/grafana-plugin-sdk-go/backend"
)
