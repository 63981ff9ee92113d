//go:build tools

package corpusheld59

import (
	_ "github.com/CycloneDX/cyclonedx-gomod/pkg/generate/mod"
	_ "github.com/evilmartians/lefthook/cmd"
	_ "github.com/golangci/golangci-lint/v2/pkg/lint"
	_ "github.com/goreleaser/nfpm/v2/files"
	_ "github.com/rhysd/actionlint"
	_ "github.com/securego/gosec/v2"
	_ "mvdan.cc/sh/v3/interp"
)
