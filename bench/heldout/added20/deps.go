//go:build tools

package corpusheld20

import (
	_ "github.com/EventStore/EventStore-Client-Go/v4/esdb"
	_ "github.com/acaloiaro/neoq/handler"
	_ "github.com/dbos-inc/dbos-transact-golang/dbos"
	_ "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	_ "github.com/gosnmp/gosnmp"
	_ "github.com/jackc/pgxlisten"
	_ "github.com/oauth2-proxy/oauth2-proxy/v7/pkg/upstream"
	_ "github.com/simonvetter/modbus"
	_ "github.com/synadia-io/orbit.go/pcgroups"
	_ "github.com/vikstrous/dataloadgen"
	_ "maragu.dev/goqite"
)
