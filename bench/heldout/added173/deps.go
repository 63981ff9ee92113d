//go:build tools

package corpusheld173

import (
	_ "github.com/anacrolix/missinggo"
	_ "github.com/insomniacslk/dhcp/dhcpv4/nclient4"
	_ "github.com/jjeffcaii/reactor-go"
	_ "github.com/lni/goutils/syncutil"
)
