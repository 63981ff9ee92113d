// Package echo_testing stands for the generated client of a test service
// (like grpc's grpc_testing): only test code imports it.
package echo_testing

// Echo is the test service's request.
type Echo struct{ Msg string }
