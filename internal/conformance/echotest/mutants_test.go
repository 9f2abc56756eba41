package echotest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known bugs of an echo server, each one switch on plain.
var mutants = []harness.Mutant[Impl]{
	{Name: "serve-returns-early", Bug: "Serve returns as soon as ctx is done while its connections are still being served, so its caller cannot know when they have ended (golang/go#17721: http.Server.Shutdown returns without waiting for hijacked connections)", Impl: mutant(bugs{returnEarly: true})},
	{Name: "listener-left-open", Bug: "Serve looks at ctx only between Accepts and closes the listener only when it returns: after ctx is done the listener stays open until the next client arrives, and is accepted (smallnest/rpcx#717: a goroutine blocked in Accept never sees the done channel)", Impl: mutant(bugs{listenerLeftOpen: true})},
	{Name: "handler-blind-to-shutdown", Bug: "nothing closes the connections at the end of Grace, so Serve waits for as long as a client keeps one open (utensils/mold#1582: one idle keep-alive connection kept a graceful shutdown from ever completing)", Impl: mutant(bugs{blindHandler: true})},
	{Name: "single-write", Bug: "each chunk read is written back with one Write whose count is ignored, so what a short write left out is lost (Python's sock.send where sock.sendall was needed: kytos/kytos#351)", Impl: mutant(bugs{singleWrite: true})},
	{Name: "shared-buffer", Bug: "one read buffer serves every connection, so concurrent handlers overwrite each other's bytes and hand one client another's data: a data race (dlorch/dnsserver#2)", Impl: mutant(bugs{sharedBuffer: true})},
	{Name: "no-conn-limit", Bug: "MaxConns is ignored: every client is accepted at once, with a goroutine of its own (elastic/apm-server#736: the server will happily accept and create a goroutine for each new connection)", Impl: mutant(bugs{noConnLimit: true})},
}
