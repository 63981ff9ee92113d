//go:build tools

package corpusheld134

import (
	_ "github.com/GoogleCloudPlatform/cloud-sql-proxy/v2/cmd"
	_ "github.com/docker/compose/v5/pkg/compose"
	_ "github.com/sigstore/rekor-tiles/v2/pkg/verifier"
	_ "github.com/ydb-platform/ydb-go-sdk/v3/query"
	_ "github.com/zishang520/socket.io/v2/socket"
)
