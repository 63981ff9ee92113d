//go:build tools

package corpusheld71

import (
	_ "github.com/DataDog/datadog-go/statsd"
	_ "github.com/fluxcd/cli-utils/pkg/apply"
	_ "github.com/huin/goupnp"
	_ "github.com/ory/x/watcherx"
	_ "github.com/prometheus/statsd_exporter/pkg/listener"
	_ "github.com/rootless-containers/rootlesskit/v2/pkg/port/builtin"
	_ "gopkg.in/olivere/elastic.v5"
)
