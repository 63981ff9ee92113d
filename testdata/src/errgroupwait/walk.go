package errgroupwait

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"
)

// A directory walk's visitor runs inside the walk, on the caller's
// goroutine: the g.Go calls it makes start goroutines before the walk
// returns, so a return after the walk that skips Wait leaves them.

func upload(ctx context.Context, path string) error { return ctx.Err() }

// Bad: qiniu's UploadDirectory: a failed walk returns while the uploads
// it started run on.
func uploadDir(ctx context.Context, dir string) error {
	g, ctx := errgroup.WithContext(ctx)
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		g.Go(func() error { return upload(ctx, path) })
		return nil
	})
	if err != nil {
		return err // want `return without g.Wait after g.Go started a goroutine: it is not awaited on this path and it may still be running after the return`
	}
	return g.Wait()
}

// Bad: the same with fs.WalkDir.
func uploadFS(ctx context.Context, fsys fs.FS) error {
	g, ctx := errgroup.WithContext(ctx)
	if err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		g.Go(func() error { return upload(ctx, path) })
		return nil
	}); err != nil {
		return err // want `return without g.Wait after g.Go started a goroutine`
	}
	return g.Wait()
}

// Good: the walk's error is returned only after Wait.
func uploadDirJoined(ctx context.Context, dir string) error {
	g, ctx := errgroup.WithContext(ctx)
	walkErr := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		g.Go(func() error { return upload(ctx, path) })
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	return walkErr
}
