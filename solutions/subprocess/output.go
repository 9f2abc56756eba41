package subprocess

import (
	"bytes"
	"fmt"
	"sync"
)

// output is the program's standard output, written by os/exec's goroutine
// as it comes and never blocked, and cut at prompts by Converse meanwhile.
type output struct {
	mu  sync.Mutex // protects buf and from
	buf []byte     // what came and is not in the transcript yet
	// from is where the next search for a prompt starts: none starts in
	// buf before it.
	from int
	// more holds a token when something came since Converse last looked.
	more chan struct{}
}

func newOutput() *output { return &output{more: make(chan struct{}, 1)} }

// Write appends p and wakes Converse. It never fails, so the program's
// output is always read to its end.
func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	o.buf = append(o.buf, p...)
	o.mu.Unlock()
	select {
	case o.more <- struct{}{}:
	default: // a token is there already
	}
	return len(p), nil
}

// cut takes what came before the first prompt, and the prompt, out of the
// output; ok is false if no prompt has come yet.
func (o *output) cut(prompt string) (before string, ok bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	i := bytes.Index(o.buf[o.from:], []byte(prompt))
	if i < 0 {
		// A prompt may start in the last len(prompt)-1 bytes and end in
		// the next Write: search those again, and no more.
		o.from = max(o.from, len(o.buf)-len(prompt)+1)
		return "", false
	}
	i += o.from
	before = string(o.buf[:i])
	o.buf = append(o.buf[:0], o.buf[i+len(prompt):]...)
	o.from = 0
	return before, true
}

// rest takes all of the output that is not in the transcript yet.
func (o *output) rest() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	s := string(o.buf)
	o.buf, o.from = nil, 0
	return s
}

// keep is how many bytes kept keeps of each end of the standard error.
const keep = 2 << 10

// kept keeps the first and the last keep bytes of the program's standard
// error, for the error of a program that fails: the first lines say what
// went wrong (a panic, a usage message), the last ones what happened last.
// os/exec's Output keeps ExitError.Stderr the same way. Its one writer is
// os/exec's goroutine, which cmd.Wait waits for: it is read after Wait, and
// needs no lock.
type kept struct {
	head, tail []byte
	omitted    int // bytes dropped between head and tail
}

func (k *kept) Write(p []byte) (int, error) {
	n := len(p)
	if room := keep - len(k.head); room > 0 {
		take := min(room, len(p))
		k.head = append(k.head, p[:take]...)
		p = p[take:]
	}
	k.tail = append(k.tail, p...)
	if over := len(k.tail) - keep; over > 0 {
		k.omitted += over
		k.tail = append(k.tail[:0], k.tail[over:]...)
	}
	return n, nil
}

// bytes returns what was kept, with a line saying what was left out.
func (k *kept) bytes() []byte {
	if k.omitted == 0 {
		return append(k.head[:len(k.head):len(k.head)], k.tail...)
	}
	omitted := fmt.Sprintf("\n... omitting %d bytes ...\n", k.omitted)
	return append(append(k.head[:len(k.head):len(k.head)], omitted...), k.tail...)
}
