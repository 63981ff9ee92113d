//go:build tools

package corpusheld37

import (
	_ "github.com/cilium/ebpf"
	_ "github.com/containerd/containerd/v2/core/content"
	_ "github.com/containerd/go-cni"
	_ "github.com/containerd/go-runc"
	_ "github.com/containerd/nri/pkg/adaptation"
	_ "github.com/containerd/ttrpc"
	_ "github.com/go-delve/delve/service/debugger"
	_ "github.com/moby/policy-helpers"
)
