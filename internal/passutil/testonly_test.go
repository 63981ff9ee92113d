package passutil

import "testing"

func TestTestPath(t *testing.T) {
	for path, want := range map[string]bool{
		"net/http/httptest": true,
		"testing/fstest":    true,
		"google.golang.org/grpc/interop/grpc_testing":                   true,
		"google.golang.org/grpc/internal/testutils":                     true,
		"go.etcd.io/etcd/server/v3/storage/wal/testing":                 true,
		"go.etcd.io/etcd/tests/v3/e2etest":                              true,
		"example.com/latest":                                            false, // a word, not a test helper
		"github.com/rabbitmq/rabbitmq-stream-go-client/pkg/test-helper": true,  // testhelper with a separator
		"example.com/m/test_utils":                                      true,
		"github.com/couchbase/gocbcore/v10/jcbmock":                     true, // a mock server's downloader
		"example.com/m/internal/mocks":                                  true,
		"github.com/golang/mock/gomock":                                 true,
		"example.com/m/hammock":                                         false,
		"example.com/m/mockingbird":                                     false,
		"google.golang.org/grpc/benchmark":                              false, // judged by what it imports
		"go.etcd.io/etcd/server/v3/etcdserver":                          false,
		"net/http":                                                      false,
	} {
		if got := testPath(path); got != want {
			t.Errorf("testPath(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestExamplePath(t *testing.T) {
	for path, want := range map[string]bool{
		"github.com/prometheus/client_golang/examples/simple":       true,
		"github.com/foo/bar/example":                                true,
		"github.com/foo/bar/_examples/hello":                        true,
		"example.com/server":                                        false, // a module's host, not an element
		"github.com/foo/examplesrv":                                 false,
		"github.com/conclint/conclint/testdata/examples/ctxtimeout": false, // named on purpose
		"github.com/prometheus/client_golang/prometheus":            false,
	} {
		if got := examplePath(path); got != want {
			t.Errorf("examplePath(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestTestDriverPath(t *testing.T) {
	for path, want := range map[string]bool{
		"github.com/neo4j/neo4j-go-driver/v5/benchkit-backend": true,
		"google.golang.org/grpc/benchmark/worker":              true,
		"go.etcd.io/etcd/tools/v3/benchmark":                   true,
		"example.com/m/bench":                                  true,
		"example.com/m/tests/stress":                           true,
		"example.com/m/test/interop/client":                    true,
		"example.com/m/cmd/workbench":                          false, // contains the word, does not begin with it
		"example.com/m/cmd/server":                             false,
		"example.com/m/benchtest":                              true,
		"example.com/m/perf":                                   true, // a client's load generator (pulsar-perf-go)
		"example.com/m/cmd/kafka-perf":                         true,
		"example.com/m/cmd/performance":                        false, // contains the word perf, is not it
		"example.com/m/cmd/loadtest":                           true,
		"github.com/gobwas/ws/autobahn":                        true,  // the WebSocket conformance suite's reporter
		"example.com/m/cmd/autobahnd":                          false, // a name that only contains it
	} {
		if got := testDriverPath(path); got != want {
			t.Errorf("testDriverPath(%q) = %v, want %v", path, got, want)
		}
	}
}
