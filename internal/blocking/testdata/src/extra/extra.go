package extra

import (
	"extra/db"
	"extra/wrap"
)

func call(c *db.Client) { c.Call() } // want "call blocks on call to \\(\\*extra/db.Client\\).Call \\(blocking call\\)"

func wait() { db.Wait() } // want "wait blocks on call to extra/db.Wait \\(blocking call\\)"

func roundTrip(c *db.Conn) { c.RoundTrip() } // want "roundTrip blocks on call to \\(\\*extra/db.Conn\\).RoundTrip \\(network I/O\\)"

func fast() { db.Fast() } // ok: not configured

func indirect(c *db.Client) { call(c) } // want "indirect blocks on call to \\(\\*extra/db.Client\\).Call"

func viaFact(c *db.Client) { wrap.Helper(c) } // want "viaFact blocks on call to \\(\\*extra/db.Client\\).Call"
