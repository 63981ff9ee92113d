//go:build tools

package corpusheld26

import (
	_ "codeberg.org/miekg/dns"
	_ "github.com/bluenviron/gortmplib"
	_ "github.com/containernetworking/plugins/pkg/ip"
	_ "github.com/google/nftables"
	_ "github.com/hanwen/go-fuse/v2/fuse"
	_ "github.com/jsimonetti/rtnetlink/v2"
	_ "github.com/mdlayher/ndp"
	_ "github.com/mdlayher/netlink"
	_ "github.com/mdlayher/socket"
	_ "github.com/ti-mo/conntrack"
	_ "github.com/vishvananda/netlink"
	_ "github.com/xtaci/lossyconn"
)
