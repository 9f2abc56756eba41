package mapreducetest

import (
	"errors"
	"io"
)

// errRead is what the failing readers fail with.
var errRead = errors.New("mapreducetest: the reader failed")

// splitReader serves text in reads of the given sizes, in turn, so that
// runes and words are split between reads wherever the sizes fall. With
// eofWithLast, the last bytes come with io.EOF in the same Read, as the
// io.Reader contract allows. With failAt >= 0, the reader fails with errRead
// once failAt bytes have been read, and on every Read after; with
// failWithLast, the error comes in the same Read as the last bytes.
type splitReader struct {
	text         []byte
	sizes        []int
	eofWithLast  bool
	failAt       int
	failWithLast bool
	reads        int
}

func (r *splitReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if r.failAt == 0 {
		return 0, errRead
	}
	if len(r.text) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(r.text), r.sizes[r.reads%len(r.sizes)])
	if r.failAt > 0 {
		n = min(n, r.failAt)
		r.failAt -= n
	}
	r.reads++
	copy(p, r.text[:n])
	r.text = r.text[n:]
	switch {
	case r.failAt == 0 && r.failWithLast:
		return n, errRead
	case len(r.text) == 0 && r.eofWithLast:
		return n, io.EOF
	}
	return n, nil
}

// stream serves a block of text over and over, in reads of at most readSize
// bytes, until size bytes have been served (size < 0: for ever). It calls
// onRead after each Read with the bytes served so far.
type stream struct {
	block    []byte
	readSize int
	size     int64
	served   int64
	onRead   func(served int64)
}

func (s *stream) Read(p []byte) (int, error) {
	if s.size >= 0 && s.served >= s.size {
		return 0, io.EOF
	}
	n := min(len(p), s.readSize)
	if s.size >= 0 {
		n = int(min(int64(n), s.size-s.served))
	}
	for i := 0; i < n; {
		at := int((s.served + int64(i)) % int64(len(s.block)))
		i += copy(p[i:n], s.block[at:])
	}
	s.served += int64(n)
	if s.onRead != nil {
		s.onRead(s.served)
	}
	return n, nil
}
