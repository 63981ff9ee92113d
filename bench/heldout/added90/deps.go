//go:build tools

package corpusheld90

import (
	_ "dubbo.apache.org/dubbo-go/v3/protocol/triple"
	_ "github.com/RichardKnop/machinery/v2"
	_ "github.com/cloudwego/kitex/server"
	_ "github.com/lovoo/goka"
	_ "github.com/streadway/amqp"
)
