//go:build tools

package corpusheld197

import (
	_ "charm.land/bubbles/v2/textarea"
	_ "github.com/bazelbuild/buildtools/edit"
	_ "github.com/caddyserver/xcaddy"
	_ "github.com/jhump/protoreflect/v2/protoresolve/remotereg"
	_ "github.com/oasdiff/oasdiff/checker"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/fileexporter"
	_ "github.com/open-telemetry/opentelemetry-collector-contrib/extension/pprofextension"
	_ "honnef.co/go/tools/lintcmd"
)
