//go:build tools

package corpusheld187

import (
	_ "github.com/apache/iotdb-client-go/v2/client"
	_ "github.com/buraksezer/olric"
	_ "github.com/dapr/go-sdk/client"
	_ "github.com/hashicorp/hc-install"
	_ "github.com/hashicorp/terraform-exec/tfexec"
)
