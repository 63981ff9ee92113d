//go:build tools

package corpusheld41

import (
	_ "github.com/Backblaze/blazer/b2"
	_ "github.com/btcsuite/btcd/peer"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/dnstap/golang-dnstap"
	_ "github.com/farsightsec/golang-framestream"
	_ "github.com/rclone/rclone/fs/sync"
	_ "github.com/restic/restic" // a doc-only package: restic's code is under internal/
	_ "github.com/smallstep/certificates/ca"
)
