//go:build race

package ogg

// raceEnabled: the race detector's instrumentation allocates on its own, so
// MemStats allocation bounds are checked only in runs without -race (the
// project's test script runs both).
const raceEnabled = true
