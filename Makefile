# conckata: `make check` runs every test; `make bench` the benchmark report.
# Every command here is also what the README shows.

GO       ?= go
PKGS_DEV := ./internal/harness/... ./internal/catalog/... ./internal/linearize/... ./internal/storm/... ./internal/memprobe/... ./internal/netfake/... ./cmd/... ./bench/...
BENCH    ?= .
COUNT    ?= 10
CPUS     ?= 1,2
STAMP    := $(shell date -u +%Y%m%dT%H%M%SZ)

.PHONY: check check-pg deps lint test-dev bench-smoke verify bench

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

## bench: the benchstat report; raw results are kept in bench/results/.
bench:
	@mkdir -p bench/results
	$(GO) test -run='^$$' -bench='$(BENCH)' -benchtime=300ms -count=$(COUNT) -cpu $(CPUS) ./bench/ | tee bench/results/bench-$(STAMP).txt
	$(GO) tool benchstat -col /impl bench/results/bench-$(STAMP).txt
