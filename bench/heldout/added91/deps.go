//go:build tools

package corpusheld91

import (
	_ "github.com/DataDog/datadog-agent/pkg/trace/sampler"
	_ "github.com/DataDog/datadog-agent/pkg/trace/stats"
	_ "github.com/aws/aws-sdk-go/service/s3/s3manager"
	_ "github.com/buildkite/agent/v3/agent"
	_ "github.com/globalsign/mgo"
	_ "github.com/godbus/dbus/v5"
	_ "github.com/graph-gophers/graphql-go"
	_ "github.com/ollama/ollama/api"
)
