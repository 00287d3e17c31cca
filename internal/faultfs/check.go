package faultfs

import (
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/spf13/afero"
)

// Check runs command on a copy of before, counting the changes it makes, and then once
// more for every one of them on a new copy, failing that change. The first run must
// succeed; every other must return an error and leave the copy as before was: the same
// folders and the same files, byte for byte, so no temporary file either. It returns the
// number of changes. The runs go in parallel, so command must be safe for that.
func Check(t testing.TB, before afero.Fs, command func(afero.Fs) error) int {
	t.Helper()
	want := Snapshot(t, before)
	fresh, err := copyOf(before)
	if err != nil {
		t.Fatal(err)
	}
	count := New(fresh, 0)
	if err := command(count); err != nil {
		t.Fatalf("without a failure: %v", err)
	}
	n := count.Changes()
	if n == 0 {
		t.Fatal("the command changed nothing")
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				checkFailure(t, before, want, command, n, i)
			}
		})
	}
	for i := 1; i <= n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return n
}

// checkFailure runs command on a copy of before, failing change i of n.
func checkFailure(t testing.TB, before afero.Fs, want map[string]string, command func(afero.Fs) error, n, i int) {
	fresh, err := copyOf(before)
	if err != nil {
		t.Errorf("copying the files: %v", err)
		return
	}
	fsys := New(fresh, i)
	err = command(fsys)
	if fsys.Failed() == "" {
		t.Errorf("the command made %d changes on the first run, only %d on the run failing change %d", n, fsys.Changes(), i)
		return
	}
	if err == nil {
		t.Errorf("%s: the command reported success", fsys.Failed())
	}
	got, serr := snapshot(fsys.Fs)
	if serr != nil {
		t.Errorf("%s: reading the files afterwards: %v", fsys.Failed(), serr)
	} else if diff := difference(want, got); diff != "" {
		t.Errorf("%s: %v; the files changed: %s", fsys.Failed(), err, diff)
	}
}

// Snapshot maps every path in fsys to the content of its file ("/" ends a folder).
func Snapshot(t testing.TB, fsys afero.Fs) map[string]string {
	t.Helper()
	out, err := snapshot(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func snapshot(fsys afero.Fs) (map[string]string, error) {
	out := map[string]string{}
	err := afero.Walk(fsys, "/", func(path string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			out[path+"/"] = ""
			return nil
		}
		data, err := afero.ReadFile(fsys, path)
		out[path] = string(data)
		return err
	})
	return out, err
}

// difference names the first paths that differ between two snapshots.
func difference(want, got map[string]string) string {
	var diffs []string
	for _, p := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, p+" is missing")
		case g != want[p]:
			diffs = append(diffs, p+" changed")
		}
	}
	for _, p := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, p+" was added")
		}
	}
	if len(diffs) == 0 {
		return ""
	}
	if len(diffs) > 3 {
		diffs = append(diffs[:3], fmt.Sprintf("and %d more", len(diffs)-3))
	}
	return fmt.Sprint(diffs)
}

func copyOf(fsys afero.Fs) (afero.Fs, error) {
	dst := afero.NewMemMapFs()
	return dst, atomicfs.CopyTree(fsys, "/", dst, "/")
}
