//go:build tools

package corpusheld188

import (
	_ "github.com/projectdiscovery/nuclei/v3/pkg/core"
	_ "github.com/qdrant/go-client/qdrant"
	_ "github.com/scylladb/gocqlx/v3"
	_ "github.com/valkey-io/valkey-go"
)
