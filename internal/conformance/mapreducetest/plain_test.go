package mapreducetest

import (
	"context"
	"io"
	"runtime"
	"strings"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// bugs switches on known bugs in plain.
type bugs struct {
	splitWords, splitRunes, asciiLower, swallowErrors, readAll, ignoreCtx, acceptNegative bool
}

// mutant returns the plain implementation with the bugs of b switched on.
func mutant(b bugs) Impl {
	return Impl{WordCount: func(ctx context.Context, r io.Reader, opt Options) (map[string]int, error) {
		return plain{b}.wordCount(ctx, r, opt)
	}}
}

// plain is a simple correct word count: one goroutine reads chunks cut after
// their last separator, workers count them with strings.FieldsFunc, and the
// counts are added up at the end.
type plain struct{ bugs }

func (p plain) wordCount(ctx context.Context, r io.Reader, opt Options) (map[string]int, error) {
	if (opt.Workers < 0 || opt.ChunkSize < 0) && !p.acceptNegative {
		panic("mapreduce: negative option")
	}
	workers, size := max(opt.Workers, 0), max(opt.ChunkSize, 0)
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if size == 0 {
		size = 1 << 20
	}
	if p.ignoreCtx {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, gctx := errgroup.WithContext(ctx)
	chunks := make(chan string)
	counts := make([]map[string]int, workers)
	for w := range counts {
		counts[w] = map[string]int{}
		g.Go(func() error {
			for chunk := range chunks {
				for _, word := range strings.FieldsFunc(chunk, notWordRune) {
					counts[w][p.lower(word)]++
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(chunks)
		return p.read(gctx, r, size, chunks)
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	total := map[string]int{}
	for _, c := range counts {
		for word, n := range c {
			total[word] += n
		}
	}
	return total, nil
}

// read sends the chunks of r on out.
func (p plain) read(ctx context.Context, r io.Reader, size int, out chan<- string) error {
	var held []string // with readAll: every chunk, until the end
	var carry []byte
	buf := make([]byte, size)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := r.Read(buf)
		text := append(carry, buf[:n]...)
		if err != nil && err != io.EOF && p.swallowErrors {
			err = io.EOF
		}
		if err != nil && err != io.EOF {
			return err
		}
		cut := len(text)
		if err == nil && !p.splitWords {
			cut = p.lastSeparatorEnd(text)
		}
		carry = append([]byte(nil), text[cut:]...)
		if p.readAll {
			held = append(held, string(text[:cut]))
		} else {
			select {
			case out <- string(text[:cut]):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if err == io.EOF {
			for _, chunk := range held {
				out <- chunk
			}
			return nil
		}
	}
}

// lastSeparatorEnd returns where text may be cut: after its last rune that is
// neither a letter nor a digit, and before a rune cut short at its end.
func (p plain) lastSeparatorEnd(text []byte) int {
	cut := 0
	for i := 0; i < len(text); {
		if !utf8.FullRune(text[i:]) && !p.splitRunes {
			break
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if notWordRune(r) {
			cut = i
		}
	}
	return cut
}

func (p plain) lower(word string) string {
	if !p.asciiLower {
		return strings.ToLower(word)
	}
	b := []byte(word)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
