package breakertest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known circuit-breaker bugs, each one switch on a plain
// breaker.
var mutants = []harness.Mutant[Impl]{
	{Name: "no-generation-check", Bug: "a result counts in whatever state the breaker is in when it arrives: a slow success from before the breaker opened closes it, a slow failure re-opens it (davenverse/circuit#301, App-vNext/Polly#217; gobreaker's afterRequest compares generations against it)", Impl: mutant(bugs{noGenerationCheck: true})},
	{Name: "unlimited-half-open-calls", Bug: "a half-open breaker lets every call through until a trial result arrives, a stampede on a service just recovering (App-vNext/Polly#216, nodeshift/opossum#119; gobreaker's ErrTooManyRequests, sony/gobreaker#30)", Impl: mutant(bugs{unlimitedTrials: true})},
	{Name: "half-open-failure-does-not-reopen", Bug: "a failed trial call leaves the breaker half-open, letting calls through to a service still down (nodeshift/opossum#119, Comcast/jrugged#21)", Impl: mutant(bugs{halfOpenFailureStays: true})},
	{Name: "timer-not-restarted-on-reopen", Bug: "re-opening keeps the time the breaker first opened, so a failed trial is followed at once by another (davenverse/circuit#82, nodeshift/opossum#385)", Impl: mutant(bugs{timerNotRestarted: true})},
	{Name: "total-not-consecutive-failures", Bug: "a success does not reset the failure count, so failures spread over days open the breaker (vert-x3/vertx-circuit-breaker#24, soundcloud/simple_circuit_breaker#1)", Impl: mutant(bugs{totalFailures: true})},
}
