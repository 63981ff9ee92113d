//go:build tools

package corpusheld64

import (
	_ "github.com/apache/spark-connect-go/spark/client"
	_ "github.com/charmbracelet/vhs"
	_ "github.com/luthermonson/go-proxmox"
	_ "github.com/openshift/machine-api-operator/pkg/controller/machine"
	_ "github.com/smnsjas/go-psrpcore/runspace"
	_ "github.com/traefik/yaegi/interp"
)
