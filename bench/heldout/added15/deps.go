//go:build tools

package corpusheld15

import (
	_ "github.com/cloudevents/sdk-go/v2"
	_ "github.com/emersion/go-imap/v2/imapclient"
	_ "github.com/gocolly/colly/v2"
	_ "github.com/jlaffaye/ftp"
	_ "github.com/microsoft/go-mssqldb"
	_ "github.com/opensearch-project/opensearch-go/v4/opensearchapi"
	_ "github.com/parnurzeal/gorequest"
	_ "github.com/sijms/go-ora/v2"
)
