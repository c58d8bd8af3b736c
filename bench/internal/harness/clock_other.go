//go:build !linux

package harness

import "time"

const clockName = "wall time"

var start = time.Now()

func now() time.Duration { return time.Since(start) }
