//go:build tools

package corpusheld63

import (
	_ "github.com/TykTechnologies/graphql-go-tools/pkg/subscription"
	_ "github.com/attestantio/go-eth2-client/http"
	_ "github.com/sigstore/rekor/pkg/client"
	_ "github.com/zincsearch/zincsearch/pkg/core"
)
