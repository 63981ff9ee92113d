//go:build tools

package corpusheld193

import (
	_ "github.com/casbin/casbin/v2"
	_ "github.com/dop251/goja"
	_ "github.com/ncruces/go-sqlite3"
	_ "github.com/openai/openai-go/v3/option"
	_ "github.com/ory/pop/v6"
	_ "github.com/yandex-cloud/go-sdk/v2"
	_ "go.starlark.net/starlark"
)
