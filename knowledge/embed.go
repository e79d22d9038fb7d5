package knowledge

import (
	"embed"
	"io/fs"
)

//go:embed kb/*.yaml kb/i18n/*.yaml
var builtin embed.FS

// Builtin returns the knowledge folder compiled into the binary.
func Builtin() fs.FS {
	sub, err := fs.Sub(builtin, "kb")
	if err != nil {
		panic(err) // cannot happen: "kb" is a fixed, embedded folder
	}
	return sub
}
