package ctxtimeout

import (
	"context"
	"time"

	"ctxtimeout/pb"

	"google.golang.org/grpc"
)

func invokeBackground(cc *grpc.ClientConn) error {
	return cc.Invoke(context.Background(), "/kv/Get", nil, nil) // want `\(\*grpc\.ClientConn\)\.Invoke is given a context with no deadline`
}

func invokeTimeout(cc *grpc.ClientConn) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return cc.Invoke(ctx, "/kv/Get", nil, nil) // ok: WithTimeout + defer cancel()
}

func generatedBackground(c pb.KVClient) (*pb.GetResponse, error) {
	return c.Get(context.Background(), &pb.GetRequest{Key: "k"}) // want `\(pb\.KVClient\)\.Get is given a context with no deadline`
}

func generatedTimeout(c pb.KVClient) (*pb.GetResponse, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return c.Get(ctx, &pb.GetRequest{Key: "k"}) // ok: bounded
}

func watchBackground(c pb.KVClient) (pb.KV_WatchClient, error) {
	return c.Watch(context.Background(), &pb.GetRequest{}) // want `the stream can never be cancelled`
}

func watchCancellable(c pb.KVClient) (pb.KV_WatchClient, context.CancelFunc, error) {
	ctx, cancel := context.WithCancel(context.Background())
	w, err := c.Watch(ctx, &pb.GetRequest{}) // ok: a long-lived stream needs a cancel, not a deadline
	return w, cancel, err
}
