//go:build tools

package corpusheld178

import (
	_ "github.com/nikoksr/notify"
	_ "github.com/openziti/channel/v4"
	_ "github.com/qiniu/go-sdk/v7/storagev2/uploader"
	_ "gopkg.in/telebot.v3"
)
