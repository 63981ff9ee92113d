//go:build tools

package corpustune8

import (
	_ "connectrpc.com/connect"
	_ "github.com/alicebob/miniredis/v2"
	_ "github.com/elazarl/goproxy"
	_ "github.com/emersion/go-smtp"
	_ "github.com/gliderlabs/ssh"
	_ "github.com/golang/groupcache"
	_ "github.com/hashicorp/go-retryablehttp"
	_ "github.com/hashicorp/mdns"
	_ "github.com/miekg/dns"
)
