package bff

import (
	"net/http"
	"testing"

	"github.com/conckata/conckata/internal/conformance/bfftest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/bff and solutions/bff: both run the one
// conformance suite. Read it in internal/conformance/bfftest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestBff(t *testing.T) {
	bfftest.Run(t, bfftest.Impl{
		Handler: func(client *http.Client, b bfftest.Backends, opt bfftest.Options) http.Handler {
			return Handler(client, Backends(b), Options(opt))
		},
	})
}
