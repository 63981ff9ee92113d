//go:build tools

package corpusheld206

import (
	_ "github.com/baidubce/bce-sdk-go/services/bos"
	_ "github.com/hashicorp/vault-plugin-secrets-azure"
	_ "github.com/newrelic/newrelic-client-go/v2/pkg/logs"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/connector/countconnector"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/connector/routingconnector"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/syslogexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/zipkinexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/basicauthextension"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/sigv4authextension"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/journaldreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/kubeletstatsreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/syslogreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/tcplogreceiver"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/udplogreceiver"
	_ "github.com/openshift/cluster-autoscaler-operator/pkg/controller/clusterautoscaler"
)
