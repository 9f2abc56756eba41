package echotest

import (
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

func TestPeers(t *testing.T) { Suite.CheckPeers(t, Peers()) }

// TestMutantBase shows that the implementation the mutants are built on is
// correct without its bugs, so that each mutant is caught for its own bug.
func TestMutantBase(t *testing.T) { Run(t, mutant(bugs{})) }

func TestMutants(t *testing.T) { Suite.CatchMutants(t, mutants) }
