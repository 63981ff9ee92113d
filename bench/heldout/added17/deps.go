//go:build tools

package corpusheld17

import (
	_ "cloud.google.com/go/pubsub/v2"
	_ "github.com/Azure/azure-sdk-for-go/sdk/messaging/azservicebus"
	_ "github.com/afex/hystrix-go/hystrix"
	_ "github.com/bytedance/gopkg/util/gopool"
	_ "github.com/getsentry/sentry-go"
	_ "github.com/maypok86/otter/v2"
	_ "github.com/openzipkin/zipkin-go"
	_ "github.com/tus/tusd/v2/pkg/handler"
	_ "github.com/vgarvardt/gue/v5"
)
