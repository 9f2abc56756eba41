package productstest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

// openStore opens the implementation's Store on f's database, and closes it
// with t.Cleanup, checking that it closes every connection it opened.
func openStore(t *testing.T, f *fixture, minConns, maxConns int) Store {
	t.Helper()
	s, err := f.impl.Open(f.ctx, f.db, minConns, maxConns)
	if err != nil {
		t.Fatalf("Open(ctx, db, %d, %d) on %s: %v", minConns, maxConns, f.kind, err)
	}
	t.Cleanup(func() {
		// A failed property may have leaked a lease, for which Close
		// would wait in vain: wait less.
		wait := 10 * time.Second
		if t.Failed() {
			wait = time.Second
		}
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		if err := s.Close(ctx); err != nil {
			t.Errorf("Store.Close: %v", err)
		}
		if n := f.wire.open(); n != 0 {
			t.Errorf("after Store.Close, %d connections to the database are still open, want 0 (database/sql's own idle pool keeps them unless told not to)", n)
		}
	})
	return s
}

// forEachStore runs check on a store opened with minConns and maxConns, on
// each database of forEachDB.
func forEachStore(t *testing.T, impl Impl, minConns, maxConns int, check func(t *testing.T, f *fixture, s Store)) {
	forEachDB(t, impl, func(t *testing.T, f *fixture) { check(t, f, openStore(t, f, minConns, maxConns)) })
}

// noLease stops t unless s has no connection leased, after what: with one
// lost, the next call might wait for it for ever.
func noLease(t *testing.T, s Store, what string) {
	t.Helper()
	if n := s.Stats().InUse; n != 0 {
		t.Fatalf("after %s, Stats().InUse = %d, want 0: a connection was not released", what, n)
	}
}

func brandsByID(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		got, err := s.Brands(f.ctx)
		if err != nil || !slices.Equal(got, modelBrands) {
			t.Errorf("Brands() = %v, %v; want %v, nil", got, err, modelBrands)
		}
		noLease(t, s, "Brands")
	})
}

func productByID(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		for _, id := range []int{1, 7, 1000} {
			if got, err := s.Product(f.ctx, id); err != nil || got != product(id) {
				t.Errorf("Product(%d) = %v, %v; want %v, nil", id, got, err, product(id))
			}
			noLease(t, s, fmt.Sprintf("Product(%d)", id))
		}
		for _, id := range []int{0, -3, 1001, 1 << 40} {
			if got, err := s.Product(f.ctx, id); !errors.Is(err, impl.ErrNotFound) {
				t.Errorf("Product(%d) = %v, %v; want an error wrapping ErrNotFound", id, got, err)
			}
			noLease(t, s, fmt.Sprintf("Product(%d) found nothing", id))
		}
	})
}

func skusJoinQuery(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		for _, id := range []int{1, 2, 3, 500, 1000} {
			if got, err := s.SKUs(f.ctx, id); err != nil || !slices.Equal(got, modelSKUs[id]) {
				t.Errorf("SKUs(%d) = %v, %v; want %v, nil", id, got, err, modelSKUs[id])
			}
		}
		if got, err := s.SKUs(f.ctx, 1001); err != nil || len(got) != 0 {
			t.Errorf("SKUs(1001) for a product that does not exist = %v, %v; want no rows, nil", got, err)
		}
		noLease(t, s, "SKUs")
	})
}

func concurrentQueriesOverlap(t *testing.T, impl Impl) {
	const n = 4
	forEachStore(t, impl, 1, n, func(t *testing.T, f *fixture, s Store) {
		full, release := f.wire.holdJoins(n)
		defer release()
		ids := []int{10, 20, 30, 40}
		done := make(chan error, 1)
		go func() {
			_, err := s.SKUsConcurrently(f.ctx, ids)
			done <- err
		}()
		// The queries are held until all n are in flight: if they run one
		// at a time, the first is held forever, and the wait ends here.
		wait, cancel := context.WithTimeout(f.ctx, 5*time.Second)
		defer cancel()
		select {
		case <-full:
			if st := s.Stats(); st.InUse != n {
				t.Errorf("with %d join queries in flight, Stats().InUse = %d, want %d", n, st.InUse, n)
			}
		case <-wait.Done():
			t.Errorf("SKUsConcurrently(ctx, %v) on a pool of %d: the %d queries were never in flight at the same time (fewer than %d reached the database within 5s), want them run concurrently", ids, n, n, n)
		}
		release()
		if err := <-done; err != nil {
			t.Errorf("SKUsConcurrently(ctx, %v) = %v, want nil", ids, err)
		}
		noLease(t, s, "SKUsConcurrently")
	})
}

func concurrentResultsInOrder(t *testing.T, impl Impl) {
	const maxConns = 3
	forEachStore(t, impl, 0, maxConns, func(t *testing.T, f *fixture, s Store) {
		var ids []int
		for i := range 40 {
			ids = append(ids, 1+i*167%1003) // in no order; 1001, 1002 and 1003 exist not
		}
		got, err := s.SKUsConcurrently(f.ctx, ids)
		if err != nil || len(got) != len(ids) {
			t.Fatalf("SKUsConcurrently(ctx, %d ids) = %d results, %v; want %d, nil", len(ids), len(got), err, len(ids))
		}
		for i, id := range ids {
			if !slices.Equal(got[i], modelSKUs[id]) {
				t.Errorf("SKUsConcurrently: result %d (product %d) = %v, want %v (what SKUs(%d) returns)", i, id, got[i], modelSKUs[id], id)
			}
		}
		if m := f.wire.maxOpen.Load(); m > maxConns {
			t.Errorf("SKUsConcurrently on a pool of at most %d connections had %d open at once", maxConns, m)
		}
		noLease(t, s, "SKUsConcurrently")
	})
}

func insertBrandsAllOrNothing(t *testing.T, impl Impl) {
	// One connection: the caller after a failed InsertBrands gets the
	// very connection it used.
	forEachStore(t, impl, 1, 1, func(t *testing.T, f *fixture, s Store) {
		want := slices.Clone(modelBrands)
		check := func(after string) {
			t.Helper()
			got, err := s.Brands(f.ctx)
			if err != nil || !sameNames(got, want) {
				t.Fatalf("after %s, Brands() = %v, %v; want %v, nil", after, got, err, want)
			}
		}
		ok := []string{"Kata One", "Kata Two"}
		if err := s.InsertBrands(f.ctx, ok); err != nil {
			t.Fatalf("InsertBrands(%q) = %v, want nil", ok, err)
		}
		want = append(want, Brand{Name: "Kata One"}, Brand{Name: "Kata Two"})
		check(fmt.Sprintf("InsertBrands(%q)", ok))

		// The third name is taken: the first two inserts succeed, the third
		// fails, and the transaction must take the first two back.
		bad := []string{"Kata Three", "Kata Four", "Brand 03", "Kata Five"}
		if err := s.InsertBrands(f.ctx, bad); err == nil {
			t.Fatalf("InsertBrands(%q) with %q already taken = nil, want the unique constraint's error", bad, "Brand 03")
		}
		check(fmt.Sprintf("InsertBrands(%q) failed on its third name", bad))

		if err := s.InsertBrands(f.ctx, []string{"Kata Three"}); err != nil {
			t.Fatalf("after a failed InsertBrands, InsertBrands([Kata Three]) = %v, want nil", err)
		}
		want = append(want, Brand{Name: "Kata Three"})
		check("the failed InsertBrands and a good one")
		noLease(t, s, "InsertBrands")
	})
}

// sameNames reports whether brands has the names of want in the same order;
// the ids of new brands are the database's to choose.
func sameNames(brands, want []Brand) bool {
	return slices.EqualFunc(brands, want, func(a, b Brand) bool { return a.Name == b.Name })
}
