//go:build tools

package corpusheld136

import (
	_ "github.com/NVIDIA/nvidia-container-toolkit/pkg/nvcdi/transform/root"
	_ "github.com/google/cadvisor/lib/manager"
	_ "github.com/transparency-dev/tessera"
	_ "sigsum.org/sigsum-go/pkg/monitor"
)
