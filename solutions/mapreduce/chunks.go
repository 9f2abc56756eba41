package mapreduce

import (
	"context"
	"io"
)

// split reads r into chunks of about size bytes, each cut between words, and
// sends them on out until r ends (nil), fails (its error) or ctx is done
// (ctx.Err()). It takes buffers from free when there are some.
func split(ctx context.Context, r io.Reader, size int, out chan<- []byte, free chan []byte) error {
	buf := take(free, size)
	for {
		// buf starts with what the last chunk left: part of a word, or of a
		// rune. The read fills the rest of it.
		carried := len(buf)
		n, err := fill(ctx, r, buf[carried:cap(buf)])
		buf = buf[:carried+n]
		switch {
		case err == io.EOF:
			if len(buf) == 0 {
				return nil
			}
			return send(ctx, out, buf)
		case err != nil:
			return err
		}
		cut := wordEnd(buf)
		// The next buffer starts with the tail after the cut, and has room
		// for a read after it: twice the tail, if one word fills buf.
		next := take(free, max(size, 2*(len(buf)-cut)))
		next = append(next, buf[cut:]...)
		if cut > 0 {
			if err := send(ctx, out, buf[:cut]); err != nil {
				return err
			}
		}
		buf = next
	}
}

// fill reads from r until buf is full, r fails or ctx is done. Unlike
// io.ReadFull, it keeps an error that comes with the bytes that fill buf.
func fill(ctx context.Context, r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// take returns an empty buffer with room for at least size bytes: one from
// free if the first there is large enough, else a new one.
func take(free chan []byte, size int) []byte {
	select {
	case buf := <-free:
		if cap(buf) >= size {
			return buf[:0]
		}
	default:
	}
	return make([]byte, 0, size)
}

// send hands chunk to a worker, unless ctx is done first.
func send(ctx context.Context, out chan<- []byte, chunk []byte) error {
	select {
	case out <- chunk:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
