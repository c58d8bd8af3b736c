//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "app runs in the browser: GOOS=js GOARCH=wasm go build -o app.wasm .")
	os.Exit(2)
}
