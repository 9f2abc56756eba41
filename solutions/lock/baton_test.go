package lock

import "testing"

// These tests replay, one step at a time, interleavings of the baton's
// protocol that the conformance suite reaches only when the scheduler
// preempts a goroutine at the wrong instruction. Each step is what one
// goroutine of Lock or Unlock does at that point.

// heldWithBaton returns a Mutex as the first Lock that must wait leaves it:
// held, and a baton made around the holder.
func heldWithBaton(t *testing.T) (*Mutex, *batonChan) {
	t.Helper()
	m := new(Mutex)
	if !m.TryLock() {
		t.Fatalf("TryLock on a new Mutex failed")
	}
	m.state.Store(converting)
	m.convert()
	return m, m.b.Load()
}

// An Unlock that left its baton empty and was preempted before dropping it
// must not drop the baton of a later contention. Without the check of b in
// retire, this Unlock set state to unlocked under a held baton: a fast-path
// Lock then took the lock too, and the baton's holder later panicked with
// "unlock of unlocked mutex". The contended benchmark hit it at -cpu 1 in
// every run.
func TestRetireLeavesALaterBatonAlone(t *testing.T) {
	// A Lock that must wait makes the first baton around the holder.
	m, first := heldWithBaton(t)
	// The holder's Unlock receives its token, and is preempted before it
	// calls retire.
	<-first.c
	// Meanwhile a Lock sends on the first baton and holds the lock, and its
	// Unlock drops that baton.
	first.c <- struct{}{}
	if !m.current(first) {
		t.Fatalf("a token sent on the current baton does not hold the lock")
	}
	m.Unlock()
	if got := m.state.Load(); got != unlocked {
		t.Fatalf("after the only holder unlocked with no one waiting, state = %d, want unlocked (%d)", got, unlocked)
	}
	// A new contention: the lock is taken, and a Lock that must wait makes a
	// second baton.
	if !m.TryLock() {
		t.Fatalf("TryLock on a free Mutex failed")
	}
	m.state.Store(converting)
	m.convert()
	// The first Unlock resumes.
	m.retire(first)
	if got := m.state.Load(); got != baton {
		t.Fatalf("retire of a baton already dropped left state = %d, want baton (%d): it dropped the second contention's baton", got, baton)
	}
	if !m.Locked() || m.TryLock() {
		t.Fatalf("the second baton's holder lost the lock: Locked() = %v", m.Locked())
	}
	m.Unlock()
	if m.Locked() {
		t.Fatalf("the Mutex is held after its holder unlocked")
	}
}

// A Lock that sent on a baton just after an Unlock dropped it holds nothing:
// it must find that out, take its token back, and take the lock afresh.
func TestTokenOnADroppedBatonIsTakenBack(t *testing.T) {
	m, b := heldWithBaton(t)
	// The Lock loaded b and is preempted before its send; the holder
	// unlocks, finds no one waiting and drops b.
	m.Unlock()
	if got := m.state.Load(); got != unlocked {
		t.Fatalf("an Unlock with no one waiting left state = %d, want unlocked (%d)", got, unlocked)
	}
	// The Lock resumes: its send succeeds on the empty, dropped baton.
	b.c <- struct{}{}
	if m.current(b) {
		t.Fatalf("a token sent on a dropped baton counts as holding the lock")
	}
	takeBack(b)
	if len(b.c) != 0 {
		t.Fatalf("takeBack left %d tokens in the dropped baton, want 0", len(b.c))
	}
	if m.Locked() {
		t.Fatalf("Locked() = true with no holder: the stale token counted")
	}
}

// An Unlock that left the baton empty while a Lock's token arrives before it
// looks again keeps the baton: the token holds the lock.
func TestRetireKeepsABatonThatATokenReached(t *testing.T) {
	m, b := heldWithBaton(t)
	<-b.c             // the holder's Unlock receives its token
	b.c <- struct{}{} // a Lock's send reaches the empty baton
	m.retire(b)       // the Unlock looks again
	if got := m.state.Load(); got != baton {
		t.Fatalf("retire with a token in the baton left state = %d, want baton (%d)", got, baton)
	}
	if !m.current(b) || !m.Locked() {
		t.Fatalf("the Lock whose token reached the baton does not hold the lock")
	}
	m.Unlock()
	if m.Locked() || !m.TryLock() {
		t.Fatalf("the Mutex is not free after its holder unlocked")
	}
	m.Unlock()
}
