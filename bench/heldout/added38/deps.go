//go:build tools

package corpusheld38

import (
	_ "connectrpc.com/connect/v2"
	_ "github.com/caddyserver/caddy/v2"
	_ "github.com/caddyserver/caddy/v2/modules/caddyhttp/reverseproxy"
	_ "github.com/caddyserver/caddy/v2/modules/caddytls"
	_ "github.com/danielgtaylor/huma/v2"
	_ "github.com/go-fuego/fuego"
	_ "github.com/gofiber/fiber/v3"
	_ "github.com/labstack/echo/v5"
	_ "github.com/mholt/caddy-l4/layer4"
	_ "github.com/stripe/goproxy"
)
