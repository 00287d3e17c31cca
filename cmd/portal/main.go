// Command portal builds, previews and checks the ConTratTo portal.
//
//	portal build   [-config site.toml] [-out public]
//	portal serve   [-config site.toml] [-addr 127.0.0.1:1313]
//	portal check   [-config site.toml]
//	portal translations [record LANG [PAGE...] | export LANG | import FILE]
//	portal deploy  [-config site.toml] [-dir public] [-bucket B] [-endpoint URL] [-region R] [-prefix P] [-dry-run]
package main

import (
	"os"

	"github.com/contratto/portal/internal/portal"
)

func main() {
	os.Exit(portal.Main(os.Args[1:], os.Stdout, os.Stderr))
}
