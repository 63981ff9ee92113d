// Package cobra is a stub of github.com/spf13/cobra for the fixtures: a
// command tree whose Run functions the program calls back once, for the
// command it was invoked with.
package cobra

type Command struct {
	Use  string
	Run  func(cmd *Command, args []string)
	RunE func(cmd *Command, args []string) error
}

func (c *Command) AddCommand(cmds ...*Command) {}

func (c *Command) Execute() error { return nil }
