//go:build tools

package corpusheld194

import (
	_ "github.com/external-secrets/external-secrets/pkg/controllers/externalsecret"
	_ "github.com/google/go-jsonnet"
	_ "github.com/jmoiron/sqlx"
	_ "github.com/pulumi/pulumi-yaml/pkg/pulumiyaml"
	_ "github.com/riverqueue/river/riverdriver/riversqlite"
	_ "github.com/riverqueue/rivercontrib/otelriver"
	_ "gitlab.com/gitlab-org/api/client-go/v2"
)
