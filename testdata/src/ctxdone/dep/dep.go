package dep

import "context"

type Client struct{}

// Fetch has a context-taking variant, FetchContext.
func (c *Client) Fetch(key string) (string, error) { return c.FetchContext(context.Background(), key) }

func (c *Client) FetchContext(ctx context.Context, key string) (string, error) { return key, ctx.Err() }

// Get's variant takes different parameters: not a mechanical sibling.
func (c *Client) Get(key string) (string, error) { return key, nil }

func (c *Client) GetContext(ctx context.Context, key string, n int) (string, error) { return key, nil }

// Drain takes ctx but never looks at it while it waits on in.
func Drain(ctx context.Context, in <-chan int) {
	for range in {
	}
}

// DrainCtx returns when ctx is cancelled.
func DrainCtx(ctx context.Context, in <-chan int) {
	for {
		select {
		case _, ok := <-in:
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}
