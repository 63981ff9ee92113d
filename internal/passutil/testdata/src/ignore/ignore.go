package ignore

func bad() {}

func suppressed() {
	bad() // want "call to bad"

	//conclint:ignore demo the call is harmless here
	bad() // ok: the directive on the line above silences it

	bad() //conclint:ignore demo,other a directive on the finding's own line

	//conclint:ignore other a directive for another pass does not silence demo
	bad() // want "call to bad"

	//conclint:ignore demo two lines above: too far

	bad() // want "call to bad"

	/* want "malformed //conclint:ignore directive: a reason is required" */ //conclint:ignore demo
	bad()                                                                    // want "call to bad"

	//conclint:ignoredemo not our directive: no space after ignore
	bad() // want "call to bad"
}

func unused() {
	//conclint:ignore demo nothing to suppress, but -demo.unused-ignores is off
	println()
}
