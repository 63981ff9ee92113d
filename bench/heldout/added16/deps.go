//go:build tools

package corpusheld16

import (
	_ "github.com/bramvdbogaerde/go-scp"
	_ "github.com/bwmarrin/discordgo"
	_ "github.com/digitalocean/godo"
	_ "github.com/go-acme/lego/v5/lego"
	_ "github.com/go-ldap/ldap/v3"
	_ "github.com/go-zeromq/zmq4"
	_ "github.com/mailgun/mailgun-go/v4"
	_ "github.com/melbahja/goph"
	_ "github.com/ory/dockertest/v3"
	_ "github.com/slack-go/slack"
)
