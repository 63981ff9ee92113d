//go:build tools

package corpusheld25

import (
	_ "github.com/air-verse/air/runner"
	_ "github.com/cucumber/godog"
	_ "github.com/go-git/go-git/v5"
	_ "github.com/go-task/task/v3"
	_ "github.com/golang-migrate/migrate/v4"
	_ "github.com/pressly/goose/v3"
	_ "github.com/schollz/progressbar/v3"
	_ "gotest.tools/gotestsum/testjson"
)
