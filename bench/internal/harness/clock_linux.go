//go:build linux

package harness

import (
	"syscall"
	"time"
	"unsafe"
)

// clockName says what Measure times.
const clockName = "process CPU time (CLOCK_PROCESS_CPUTIME_ID)"

// now returns the CPU time consumed by this process (all threads: the
// cgo calls, the garbage collector). On a shared machine it leaves out
// the time other processes hold the core, which wall time would count.
func now() time.Duration {
	var ts syscall.Timespec
	const clockProcessCPUTimeID = 2
	_, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	if e != 0 {
		panic("clock_gettime(CLOCK_PROCESS_CPUTIME_ID): " + e.Error())
	}
	return time.Duration(ts.Nano())
}
