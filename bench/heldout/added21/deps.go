//go:build tools

package corpusheld21

import (
	_ "github.com/d--j/go-milter"
	_ "github.com/emiago/diago"
	_ "github.com/gopcua/opcua"
	_ "github.com/hugelgupf/p9/p9"
	_ "github.com/panjf2000/gnet"
	_ "github.com/tliron/glsp/server"
	_ "github.com/varlink/go/varlink"
	_ "github.com/vjeantet/ldapserver"
	_ "github.com/zishang520/socket.io/servers/engine/v3"
	_ "mellium.im/xmpp"
)
