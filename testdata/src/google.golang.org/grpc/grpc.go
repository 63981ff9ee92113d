// Package grpc is a minimal stand-in for google.golang.org/grpc with the
// types conclint matches on (GOPATH fixtures cannot import modules).
package grpc

import "context"

type CallOption interface{ before() }

type StreamDesc struct{ StreamName string }

type ClientStream interface {
	CloseSend() error
	SendMsg(m any) error
	RecvMsg(m any) error
}

type ClientConn struct{}

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return nil
}

func (cc *ClientConn) NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error) {
	return nil, nil
}

type ClientConnInterface interface {
	Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error
	NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error)
}
