package wrap

import "extra/db"

// Helper blocks through a configured function: its BlocksFact carries it
// to importers.
func Helper(c *db.Client) { c.Call() } // want "Helper blocks on call to \\(\\*extra/db.Client\\).Call \\(blocking call\\)"
