//go:build tools

package corpusheld61

import (
	_ "github.com/99designs/gqlgen/graphql"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/pingcap/go-ycsb/pkg/client"
	_ "github.com/playwright-community/playwright-go"
	_ "github.com/strongswan/govici/vici"
	_ "go.mongodb.org/mongo-driver/mongo"
	_ "go.mongodb.org/mongo-driver/x/mongo/driver/topology"
)
