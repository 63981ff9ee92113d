package ctxdone

import (
	"context"
	"errors"
	"os/exec"
)

type child struct{ cmd *exec.Cmd }

// Good: the process outlives the call; ctx bounds only its start-up.
// exec.CommandContext(ctx) would kill it when ctx ends.
func StartChild(ctx context.Context, path string) (*child, error) {
	cmd := exec.Command(path) // ok: handed out in the returned child
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		cmd.Process.Kill()
		return nil, err
	}
	return &child{cmd: cmd}, nil
}

// Good: the same, kept in the receiver.
func (c *child) Restart(ctx context.Context, path string) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	c.cmd = exec.Command(path) // ok: the receiver holds it
	return c.cmd.Start()
}

// Bad: the process is run to completion here: ctx should stop it.
func RunChild(ctx context.Context, path string) error {
	cmd := exec.Command(path) // want `call to exec.Command ignores ctx`
	return cmd.Run()
}

// Bad: kept in a local value that does not leave the function.
func RunLocalChild(ctx context.Context, path string) error {
	c := &child{}
	c.cmd = exec.Command(path) // want `call to exec.Command ignores ctx`
	if c.cmd == nil {
		return errors.New("no command")
	}
	return c.cmd.Run()
}

// Good: a goroutine started here reaps the process after the call has
// returned.
func SpawnChild(ctx context.Context, path string, exited func(error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	cmd := exec.Command(path) // ok: the reaping goroutine holds it
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { exited(cmd.Wait()) }()
	return nil
}

// Bad: the closure that holds it runs here, within the call.
func RunChildInline(ctx context.Context, path string) error {
	cmd := exec.Command(path) // want `call to exec.Command ignores ctx`
	run := func() error { return cmd.Run() }
	return run()
}
