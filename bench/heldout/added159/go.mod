module corpusheld159

go 1.26.8

require (
	github.com/ThreeDotsLabs/watermill-nats/v2 v2.1.3
	github.com/saracen/fastzip v0.2.0
	github.com/transparency-dev/serverless-log v0.0.0-20250425165558-64e1d2007a10
	github.com/xiaokangwang/VLite v0.0.0-20220418190619-cff95160a432
)

require (
	github.com/FlowerWrong/water v0.0.0-20180301012659-01a4eaa1f6f2 // indirect
	github.com/ThreeDotsLabs/watermill v1.3.7 // indirect
	github.com/aead/cmac v0.0.0-20160719120800-7af84192f0b1 // indirect
	github.com/boljen/go-bitmap v0.0.0-20151001105940-23cd2fb0ce7d // indirect
	github.com/dgryski/go-metro v0.0.0-20180109044635-280f6062b5bc // indirect
	github.com/gdamore/encoding v1.0.1 // indirect
	github.com/gdamore/tcell/v2 v2.8.1 // indirect
	github.com/go-logr/logr v1.4.1 // indirect
	github.com/golang-collections/go-datastructures v0.0.0-20150211160725-59788d5eb259 // indirect
	github.com/google/gopacket v1.1.17 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/gorilla/websocket v1.4.2 // indirect
	github.com/hashicorp/golang-lru/v2 v2.0.7 // indirect
	github.com/klauspost/compress v1.18.0 // indirect
	github.com/klauspost/cpuid v1.2.3 // indirect
	github.com/klauspost/reedsolomon v1.9.3 // indirect
	github.com/lithammer/shortuuid/v3 v3.0.7 // indirect
	github.com/lucasb-eyer/go-colorful v1.2.0 // indirect
	github.com/lunixbochs/struc v0.0.0-20190916212049-a5c72983bc42 // indirect
	github.com/mattn/go-runewidth v0.0.16 // indirect
	github.com/mustafaturan/bus v1.0.2 // indirect
	github.com/mustafaturan/monoton v1.0.0 // indirect
	github.com/nats-io/nats.go v1.37.0 // indirect
	github.com/nats-io/nkeys v0.4.7 // indirect
	github.com/nats-io/nuid v1.0.1 // indirect
	github.com/oklog/ulid v1.3.1 // indirect
	github.com/patrickmn/go-cache v2.1.0+incompatible // indirect
	github.com/pion/dtls/v2 v2.0.0-rc.7 // indirect
	github.com/pion/logging v0.2.2 // indirect
	github.com/pion/sctp v1.7.6 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	github.com/rivo/tview v0.0.0-20240413115534-b0d41c484b95 // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	github.com/saracen/zipextra v0.0.0-20250129175152-f1aa42d25216 // indirect
	github.com/secure-io/siv-go v0.0.0-20180922214919-5ff40651e2c4 // indirect
	github.com/seiflotfy/cuckoofilter v0.0.0-20200416141329-862a88987de7 // indirect
	github.com/transparency-dev/formats v0.0.0-20230914071414-5732692f1e50 // indirect
	github.com/transparency-dev/merkle v0.0.2 // indirect
	github.com/txthinking/runnergroup v0.0.0-20200327135940-540a793bb997 // indirect
	github.com/txthinking/socks5 v0.0.0-20200327133705-caf148ab5e9d // indirect
	github.com/txthinking/x v0.0.0-20200330144832-5ad2416896a9 // indirect
	github.com/xtaci/smux v1.5.12 // indirect
	golang.org/x/crypto v0.26.0 // indirect
	golang.org/x/mod v0.24.0 // indirect
	golang.org/x/net v0.25.0 // indirect
	golang.org/x/sync v0.13.0 // indirect
	golang.org/x/sys v0.30.0 // indirect
	golang.org/x/term v0.28.0 // indirect
	golang.org/x/text v0.21.0 // indirect
	golang.org/x/xerrors v0.0.0-20191204190536-9bdfabe68543 // indirect
	k8s.io/klog/v2 v2.130.1 // indirect
)
