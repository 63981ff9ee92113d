// Package pb looks like protoc-gen-go-grpc output: a client interface
// whose methods take a context first and ...grpc.CallOption last.
package pb

import (
	"context"

	"google.golang.org/grpc"
)

type GetRequest struct{ Key string }
type GetResponse struct{ Value string }

type KV_WatchClient interface {
	Recv() (*GetResponse, error)
	grpc.ClientStream
}

type KVClient interface {
	Get(ctx context.Context, in *GetRequest, opts ...grpc.CallOption) (*GetResponse, error)
	Watch(ctx context.Context, in *GetRequest, opts ...grpc.CallOption) (KV_WatchClient, error)
}

type kvClient struct{ cc grpc.ClientConnInterface }

func NewKVClient(cc grpc.ClientConnInterface) KVClient { return &kvClient{cc} }

func (c *kvClient) Get(ctx context.Context, in *GetRequest, opts ...grpc.CallOption) (*GetResponse, error) {
	out := new(GetResponse)
	err := c.cc.Invoke(ctx, "/kv/Get", in, out, opts...) // ok: the caller's context
	return out, err
}

func (c *kvClient) Watch(ctx context.Context, in *GetRequest, opts ...grpc.CallOption) (KV_WatchClient, error) {
	return nil, nil
}
