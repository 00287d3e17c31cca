package faultfs

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/spf13/afero"
)

func TestTheNumberedChangeFails(t *testing.T) {
	for failAt := 1; failAt <= 5; failAt++ {
		fsys := New(afero.NewMemMapFs(), failAt)
		err := fsys.MkdirAll("/d", 0o755) // 1
		if err == nil {
			err = afero.WriteFile(fsys, "/d/x.tmp", []byte("x"), 0o644) // open 2, write 3, close 4
		}
		if err == nil {
			err = fsys.Rename("/d/x.tmp", "/d/x") // 5
		}
		if !errors.Is(err, ErrInjected) {
			t.Errorf("failAt %d: err = %v, want the injected failure", failAt, err)
		}
		if fsys.Failed() == "" {
			t.Errorf("failAt %d: Failed is empty", failAt)
		}
	}
	fsys := New(afero.NewMemMapFs(), 0)
	if err := afero.WriteFile(fsys, "/x", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := afero.ReadFile(fsys, "/x"); err != nil {
		t.Fatal(err)
	}
	if err := fsys.Remove("/x"); err != nil {
		t.Fatal(err)
	}
	if got := fsys.Changes(); got != 3 { // open, write, close; reading and removing do not count
		t.Errorf("Changes = %d, want 3", got)
	}
}

// recorder keeps the errors Check reports instead of failing the test.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func before(t *testing.T) afero.Fs {
	fsys := afero.NewMemMapFs()
	for _, name := range []string{"/p/a", "/p/b"} {
		if err := afero.WriteFile(fsys, name, []byte("old "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func TestCheckFindsAHalfWrite(t *testing.T) {
	r := &recorder{TB: t}
	Check(r, before(t), func(fsys afero.Fs) error {
		for _, name := range []string{"/p/a", "/p/b"} {
			if err := afero.WriteFile(fsys, name, []byte("new"), 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if all := strings.Join(r.errs, "\n"); !strings.Contains(all, "/p/a changed") {
		t.Errorf("Check did not report the half-written files:\n%s", all)
	}
}

func TestCheckPassesABatch(t *testing.T) {
	n := Check(t, before(t), func(fsys afero.Fs) error {
		b := atomicfs.NewBatch(fsys)
		defer b.Discard()
		for _, name := range []string{"/p/a", "/p/b", "/p/new/c"} {
			if err := b.WriteFile(name, []byte("new"), 0o644); err != nil {
				return err
			}
		}
		return b.Commit()
	})
	if n < 10 {
		t.Errorf("only %d changes counted", n)
	}
}
