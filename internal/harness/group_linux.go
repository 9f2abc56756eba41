package harness

import "syscall"

// groupAttr puts a child in a process group of its own. The kernel kills the
// child if the parent dies first (an interrupted go test): out of the
// terminal's process group, it would not get the interrupt.
func groupAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
