package translations

import (
	"errors"
	"sort"
)

// Review is the state of every translation.
type Review struct {
	Statuses []Status
	// Differences are the translations whose structure is not their source's.
	Differences []Difference
	// Outdated groups the outdated translations by source page and recorded version.
	Outdated []Change
}

// Change is a source page that changed since some translations were made from it.
type Change struct {
	Source *Page
	Hash   string   // the version the translations record
	Langs  []string // the outdated languages, in the order of the config file
	// Diff is what changed since (see Diff); when it is "", NoDiff says why.
	Diff   string
	NoDiff error
}

// Review reads every translation, compares it with its source and, for the outdated
// ones, finds what changed in the source since. An outdated translation's structure is
// held to the source it was made from, when the history has it.
func (tp Project) Review() (Review, error) {
	st, err := tp.Statuses()
	if err != nil {
		return Review{}, err
	}
	r := Review{Statuses: st}
	changes := map[[2]string]int{} // page and hash → index in r.Outdated
	olds := map[int]*Page{}        // index in r.Outdated → the source as the translations record it
	for _, s := range st {
		if s.Translation == nil {
			continue
		}
		i := -1
		if s.State == Outdated {
			key := [2]string{s.Page, s.Recorded}
			var ok bool
			if i, ok = changes[key]; !ok {
				i = len(r.Outdated)
				changes[key] = i
				c := Change{Source: s.Source, Hash: s.Recorded}
				old, err := tp.OldSource(s.Source, s.Recorded)
				if err == nil {
					c.Diff, olds[i] = Diff(s.Source.Path, old, s.Source), old
				} else if errors.Is(err, ErrNoHistory) {
					c.NoDiff = err
				} else {
					return Review{}, err
				}
				r.Outdated = append(r.Outdated, c)
			}
			r.Outdated[i].Langs = append(r.Outdated[i].Langs, s.Lang)
		}
		// An outdated translation that keeps the structure of the source it was made
		// from waits for its update: the change is a warning, not an error.
		if d := Compare(s.Source, s.Translation); d != nil && (olds[i] == nil || Compare(olds[i], s.Translation) != nil) {
			r.Differences = append(r.Differences, *d)
		}
	}
	sort.SliceStable(r.Outdated, func(a, b int) bool { return r.Outdated[a].Source.Path < r.Outdated[b].Source.Path })
	return r, nil
}
