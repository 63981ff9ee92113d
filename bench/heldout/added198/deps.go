//go:build tools

package corpusheld198

import (
	_ "github.com/ThreeDotsLabs/watermill-kafka/v3/pkg/kafka"
	_ "github.com/containers/storage/pkg/lockfile"
	_ "sigs.k8s.io/external-dns/provider/factory"
)
