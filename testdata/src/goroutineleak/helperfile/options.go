package helperfile

// Options configure a client.
type Options struct{ Interval int }
