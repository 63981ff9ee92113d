//go:build tools

package corpusheld27

import (
	_ "github.com/alexedwards/scs/v2"
	_ "github.com/coreos/go-oidc/v3/oidc"
	_ "github.com/crewjam/saml"
	_ "github.com/go-chi/httprate"
	_ "github.com/go-webauthn/webauthn/webauthn"
	_ "github.com/gorilla/handlers"
	_ "github.com/hashicorp/terraform-plugin-framework/tfsdk"
	_ "github.com/knadh/koanf/v2"
	_ "github.com/lmittmann/tint"
	_ "github.com/qmuntal/stateless"
	_ "github.com/rs/cors"
	_ "github.com/zitadel/oidc/v3/pkg/op"
)
