//go:build tools

package corpusheld163

import (
	_ "github.com/reactivex/rxgo/v2"
	_ "github.com/rsocket/rsocket-go"
	_ "github.com/tcnksm/ghr"
	_ "src.elv.sh/pkg/eval"
)
