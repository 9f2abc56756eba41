package benchreport

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// BenchstatTable returns a Page.Table that runs `go tool benchstat -col
// /impl` on the raw output file, one benchmark at a time, in the module
// directory dir. The table's text is benchstat's own; x/perf keeps the
// code that formats it in an internal package, so it is run, not
// imported. The numbers of the charts and goals are computed by
// benchstats, never read from this text.
func BenchstatTable(dir, file string) func(benchmark string) (string, error) {
	return func(benchmark string) (string, error) {
		cmd := exec.Command("go", "tool", "benchstat", "-col", "/impl", "-filter", ".name:"+benchmark, file)
		cmd.Dir = dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		// benchstat exits 0 even when it cannot read its input: what it
		// says on stderr is an error too, and so is an empty table.
		if msg := strings.TrimSpace(stderr.String()); err != nil || msg != "" {
			return "", fmt.Errorf("go tool benchstat: %v %s", err, msg)
		}
		if stdout.Len() == 0 {
			return "", fmt.Errorf("go tool benchstat printed no table for %s", benchmark)
		}
		return stdout.String(), nil
	}
}
