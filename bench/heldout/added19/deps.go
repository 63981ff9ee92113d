//go:build tools

package corpusheld19

import (
	_ "github.com/eapache/channels"
	_ "github.com/gin-gonic/gin"
	_ "github.com/gofiber/fiber/v2"
	_ "github.com/hashicorp/consul/sdk/freeport"
	_ "github.com/hashicorp/raft-boltdb/v2"
	_ "github.com/kataras/iris/v12"
	_ "github.com/labstack/echo/v4"
	_ "github.com/sasha-s/go-deadlock"
	_ "github.com/smallnest/chanx"
	_ "github.com/uptrace/bun"
)
