//go:build tools

package corpusheld183

import (
	_ "github.com/anthropics/anthropic-sdk-go/v2"
	_ "github.com/aws/amazon-ec2-metadata-mock/pkg/server"
	_ "github.com/aws/aws-lambda-go/lambda"
	_ "github.com/bufbuild/connect-go"
	_ "github.com/go-chi/chi/v5"
	_ "github.com/go-redis/redis/v8"
	_ "github.com/google/cadvisor/events"
)
