//go:build tools

package corpusheld48

import (
	_ "github.com/Arceliar/ironwood/network"
	_ "github.com/Arceliar/phony"
	_ "github.com/livekit/livekit-server/pkg/rtc"
	_ "github.com/livekit/mediatransportutil/pkg/bucket"
	_ "github.com/minio/minio-go/v7"
	_ "github.com/quic-go/webtransport-go"
	_ "github.com/yggdrasil-network/yggdrasil-go/src/core"
	_ "golang.ngrok.com/muxado/v2"
	_ "golang.ngrok.com/ngrok/v2"
)
