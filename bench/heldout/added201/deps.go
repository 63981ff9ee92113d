//go:build tools

package corpusheld201

import (
	_ "github.com/aws/amazon-vpc-cni-k8s/pkg/ipamd"
	_ "github.com/ethereum-optimism/optimism/op-batcher/batcher"
	_ "sigs.k8s.io/descheduler/pkg/descheduler"
)
