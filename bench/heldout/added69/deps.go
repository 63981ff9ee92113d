//go:build tools

package corpusheld69

import (
	_ "github.com/containerd/accelerated-container-image/pkg/snapshot"
	_ "github.com/containerd/containerd/metadata"
	_ "github.com/containerd/continuity/fs"
	_ "github.com/lanrat/extsort"
	_ "github.com/prometheus/exporter-toolkit/web"
)
