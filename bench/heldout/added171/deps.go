//go:build tools

package corpusheld171

import (
	_ "github.com/GoogleCloudPlatform/cloudsql-proxy/proxy/proxy"
	_ "github.com/couchbase/go-couchbase"
	_ "github.com/couchbase/gomemcached/client"
)
