package translations

import "errors"

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
// ones, finds what changed in the source since.
func (tp Project) Review() (Review, error) {
	st, err := tp.Statuses()
	if err != nil {
		return Review{}, err
	}
	r := Review{Statuses: st}
	changes := map[[2]string]int{} // page and hash → index in r.Outdated
	for _, s := range st {
		if s.Translation == nil {
			continue
		}
		if d := Compare(s.Source, s.Translation); d != nil {
			r.Differences = append(r.Differences, *d)
		}
		if s.State != Outdated {
			continue
		}
		key := [2]string{s.Page, s.Recorded}
		i, ok := changes[key]
		if !ok {
			i = len(r.Outdated)
			changes[key] = i
			c := Change{Source: s.Source, Hash: s.Recorded}
			old, err := tp.OldSource(s.Source, s.Recorded)
			if err == nil {
				c.Diff = Diff(s.Source.Path, old, s.Source)
			} else if errors.Is(err, ErrNoHistory) {
				c.NoDiff = err
			} else {
				return Review{}, err
			}
			r.Outdated = append(r.Outdated, c)
		}
		r.Outdated[i].Langs = append(r.Outdated[i].Langs, s.Lang)
	}
	return r, nil
}
