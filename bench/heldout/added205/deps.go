//go:build tools

package corpusheld205

import (
	_ "github.com/KimMachineGun/automemlimit/memlimit"
	_ "github.com/MicahParks/keyfunc/v3"
	_ "github.com/alexedwards/scs/postgresstore"
	_ "github.com/alexedwards/scs/redisstore"
	_ "github.com/aws/rolesanywhere-credential-helper/aws_signing_helper"
	_ "github.com/creack/pty"
	_ "github.com/onsi/gomega/gexec"
	_ "github.com/sylabs/scs-build-client/client"
	_ "github.com/yapingcat/gomedia/go-rtmp"
	_ "go.opentelemetry.io/otel/bridge/opentracing"
	_ "gotest.tools/v3/poll"
)
