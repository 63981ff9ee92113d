//go:build tools

package corpusheld144

import (
	_ "github.com/nknorg/nnet"
	_ "github.com/otiai10/copy"
	_ "github.com/versity/versitygw/s3api"
	_ "github.com/zondax/golem/pkg/runner"
)
