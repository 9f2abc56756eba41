// Package bench compares each kata's reference solution with its peers and
// with the learner's own kata, in one run. Sub-benchmarks are named
// BenchmarkKATA/op=OP/impl=IMPL so that `go tool benchstat -col /impl`
// puts the implementations side by side; `make bench` does that.
//
// impl=kata is skipped while the learner's kata still panics "not written
// yet"; once it works, it is measured with the rest.
package bench
