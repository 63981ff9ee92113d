//go:build tools

package corpusheld200

import (
	_ "cloud.google.com/go/bigquery"
	_ "cloud.google.com/go/firestore"
	_ "cloud.google.com/go/logging"
	_ "cloud.google.com/go/profiler"
	_ "cloud.google.com/go/pubsub"
	_ "github.com/Azure/azure-sdk-for-go/sdk/messaging/azeventhubs/v2"
	_ "github.com/GoogleCloudPlatform/alloydb-auth-proxy/internal/proxy"
	_ "github.com/apache/cassandra-gocql-driver/v2"
)
