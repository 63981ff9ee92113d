//go:build tools

package corpusheld24

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/fluxcd/pkg/runtime/controller"
	_ "github.com/go-rod/rod"
	_ "github.com/hashicorp/go-immutable-radix/v2"
	_ "github.com/spiffe/go-spiffe/v2/workloadapi"
	_ "github.com/tonistiigi/fsutil"
	_ "oras.land/oras-go/v2"
	_ "sigs.k8s.io/cli-utils/pkg/apply"
)
