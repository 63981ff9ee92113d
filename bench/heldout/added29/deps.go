//go:build tools

package corpusheld29

import (
	_ "github.com/VictoriaMetrics/VictoriaMetrics/lib/mergeset"
	_ "github.com/digitalocean/go-libvirt"
	_ "github.com/digitalocean/go-qemu/qmp"
	_ "github.com/inbucket/inbucket/v3/pkg/server/smtp"
	_ "github.com/mdlayher/arp"
	_ "github.com/osrg/gobgp/v3/pkg/server"
	_ "github.com/stern/stern/stern"
	_ "github.com/stripe/smokescreen/pkg/smokescreen"
	_ "github.com/xmppo/go-xmpp"
	_ "gosrc.io/xmpp"
)
