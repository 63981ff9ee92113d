//go:build tools

package corpusheld169

import (
	_ "github.com/aliyun/aliyun-tablestore-go-sdk/tunnel"
	_ "github.com/google/exposure-notifications-server/pkg/server"
)
