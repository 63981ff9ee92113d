//go:build tools

package corpusheld79

import (
	_ "github.com/kopia/kopia/snapshot/upload"
	_ "github.com/vmware-tanzu/velero/pkg/uploader/kopia"
)
