// Package ctxdone shows the pitfall ctxdone reports (bad.go) beside the
// correct pattern (good.go).
package ctxdone

import (
	"context"
	"database/sql"
)

// Names accepts a context and then queries without it: cancelling ctx does
// not stop the query.
func Names(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.Query("SELECT name FROM users")
}
