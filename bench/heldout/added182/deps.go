//go:build tools

package corpusheld182

import (
	_ "k8s.io/kubernetes/pkg/controller"
	_ "riverqueue.com/riverui"
	_ "sigs.k8s.io/kwok/pkg/kwok/controllers"
	_ "sigs.k8s.io/release-sdk/git"
	_ "tags.cncf.io/container-device-interface/pkg/cdi"
)
