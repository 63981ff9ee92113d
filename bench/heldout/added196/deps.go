//go:build tools

package corpusheld196

import (
	_ "github.com/MicahParks/jwkset"
	_ "github.com/blevesearch/zapx/v17"
	_ "github.com/fergusstrange/embedded-postgres"
	_ "github.com/glebarez/go-sqlite"
	_ "github.com/lestrrat-go/jwx/v2/jwk"
	_ "github.com/redis/rueidis/rueidiscompat"
	_ "gopkg.in/natefinch/lumberjack.v2"
	_ "rsc.io/script"
)
