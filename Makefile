# conckata: `make check` runs every test; `make bench` the benchmarks;
# `make bench-report` docs/benchmarks.md.
# Every command here is also what the README shows.

GO       ?= go
PKGS_DEV := ./internal/harness/... ./internal/catalog/... ./internal/module/... ./internal/linearize/... \
            ./internal/storm/... ./internal/memprobe/... ./internal/netfake/... ./internal/taskfake/... ./internal/gate/... ./internal/rapidwait/... ./internal/bubble/... ./cmd/... ./bench/... \
            ./internal/benchstats/... ./internal/benchrun/... ./internal/benchreport/...
BENCH    ?= .
COUNT    ?= 10
CPUS     ?= 1,2
BENCHTIME ?= 300ms
STAMP    := $(shell date -u +%Y%m%dT%H%M%SZ)

.PHONY: check check-pg deps lint test-dev bench-smoke verify bench bench-report

## check: everything CI runs; green while the katas are unsolved.
check: deps lint test-dev bench-smoke verify

## check-pg: check, with the products kata on PostgreSQL too, as CI runs it:
## scripts/pg starts a throwaway cluster on 127.0.0.1 (initdb and pg_ctl of an
## installed PostgreSQL) and sets KATA_PG_DSN for the run.
check-pg:
	scripts/pg $(MAKE) check

deps:
	$(GO) mod download

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt -l lists:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## test-dev: the harness, the runner and the catalogue (the katas are verify's).
test-dev:
	$(GO) test -race -shuffle=on $(PKGS_DEV)

## bench-smoke: every benchmark runs once, so that none rots between reports.
bench-smoke:
	$(GO) test -run='^$$' -bench=. -benchtime=1x ./bench/

## verify: stubs fail, references pass, peers pass, mutants are caught.
verify:
	$(GO) run ./cmd/kata verify

## bench: run the benchmarks (BENCH= a pattern, or a kata's name: BENCH=semaphore),
## showing which one runs and about how long is left; the raw results are kept in
## bench/results/, then benchstat compares the implementations.
bench:
	$(GO) run ./cmd/benchrun -bench='$(BENCH)' -count=$(COUNT) -cpu=$(CPUS) -benchtime=$(BENCHTIME) -o bench/results/bench-$(STAMP).txt
	$(GO) tool benchstat -col /impl bench/results/bench-$(STAMP).txt

## bench-report: the same run, then docs/benchmarks.md and its charts from it.
## Its runs are shorter (-benchtime 200ms) than make bench's, so that a full run
## (all katas, COUNT=10) takes about 15 minutes; run it on an idle machine.
bench-report: BENCHTIME = 200ms
bench-report:
	$(GO) run ./cmd/benchrun -bench='$(BENCH)' -count=$(COUNT) -cpu=$(CPUS) -benchtime=$(BENCHTIME) -o bench/results/bench-$(STAMP).txt
	$(GO) run ./cmd/benchreport -o docs/benchmarks.md bench/results/bench-$(STAMP).txt
