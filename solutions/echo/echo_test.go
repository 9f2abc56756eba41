package echo

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/echotest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/echo and solutions/echo: both run the one
// conformance suite. Read it in internal/conformance/echotest. Its command's
// properties build ./cmd/echo, beside this file, and run it.

func TestMain(m *testing.M) { harness.Main(m) }

func TestEcho(t *testing.T) {
	echotest.Run(t, echotest.Impl{
		New: func(s echotest.Settings) echotest.Server {
			return &Server{MaxConns: s.MaxConns, IdleTimeout: s.IdleTimeout, Grace: s.Grace}
		},
		Command: "./cmd/echo",
	})
}
