package ctxdone

import (
	"context"
	"database/sql"
)

// NamesSafe passes the context on, so cancellation stops the query.
func NamesSafe(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT name FROM users")
}
