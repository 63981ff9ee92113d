//go:build tools

// aws-lambda-runtime-interface-emulator has only main and internal
// packages, none importable here: go.mod's first require block keeps it.
package corpusheld30

import (
	_ "github.com/Admiral-Piett/goaws/app/gosns"
	_ "github.com/SAP/go-hdb/driver"
	_ "github.com/fsouza/fake-gcs-server/fakestorage"
	_ "github.com/mark3labs/mcp-go/client"
	_ "github.com/nsmithuk/local-kms/src"
	_ "github.com/open-feature/go-sdk/openfeature"
	_ "github.com/starfederation/datastar-go/datastar"
	_ "github.com/trinodb/trino-go-client/trino"
	_ "github.com/truora/minidyn/core"
	_ "github.com/wneessen/go-mail"
)
