package ignoreunused

func bad() {}

func f() {
	//conclint:ignore demo used: it silences the call below
	bad() // ok: suppressed

	/* want "unused //conclint:ignore directive: no demo finding on this line or the next" */ //conclint:ignore demo nothing to suppress
	println()

	//conclint:ignore other a directive for another pass is that pass's business
	println()
}
