package stats

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/spf13/afero"
)

// PlannedRelease is one protected release, checked and ready to write.
type PlannedRelease struct {
	Release   Release
	Decisions []Decision // one per table, for the report
	Exposures []Exposure // what a reader can learn of each hidden count
	Notes     []string   // remarks from reading the input
	Unchanged bool       // the ledger already holds exactly this release
}

// Plan is a set of releases that passed protection, the audit and the
// ledger, with the files they will write, held in memory.
type Plan struct {
	Threshold int
	DataDir   string
	Releases  []PlannedRelease
	ledger    *Ledger
	files     []stagedFile
}

// RefusedError is a release that the audit refused. Each finding names a
// table and category, never a hidden value.
type RefusedError struct {
	Where    PosError
	Period   string
	Findings []Finding
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	where := e.Where
	where.Msg = fmt.Sprintf("release %s refused by the audit:", e.Period)
	b.WriteString(where.Error())
	for _, f := range e.Findings {
		b.WriteString("\n  - " + f.String())
	}
	return b.String()
}

// Prepare protects each input with threshold k, audits the result, checks it
// against the ledger in dataDir (and against the other inputs), and stages
// the release files and the updated ledger in memory. Nothing is written:
// call Write. The error lists every problem found.
func Prepare(fsys afero.Fs, dataDir string, k int, inputs []Input) (*Plan, error) {
	if k < ThresholdFloor {
		return nil, fmt.Errorf("threshold %d is below the floor of %d", k, ThresholdFloor)
	}
	ledger, err := LoadLedger(fsys, filepath.Join(dataDir, LedgerFile))
	if err != nil {
		return nil, err
	}
	plan := &Plan{Threshold: k, DataDir: dataDir, ledger: ledger}
	var problems ErrorList
	var refusals []error
	for _, in := range inputs {
		if err := inputProblems(in); err != nil {
			problems = append(problems, err)
			continue
		}
		rel, decisions := protectInput(in, k)
		exps, finds := AuditRelease(rel)
		if len(finds) > 0 {
			refusals = append(refusals, &RefusedError{Where: in.Where, Period: rel.Period, Findings: finds})
			continue
		}
		unchanged, err := ledger.Check(rel)
		if err != nil {
			problems = append(problems, in.errorAt("%v", err))
			continue
		}
		ledger.Record(rel)
		plan.Releases = append(plan.Releases, PlannedRelease{Release: rel, Decisions: decisions, Exposures: exps, Notes: in.Notes, Unchanged: unchanged})
	}
	if len(refusals) > 0 || len(problems) > 0 {
		var msgs []string
		for _, p := range problems {
			msgs = append(msgs, p.Error())
		}
		for _, r := range refusals {
			msgs = append(msgs, r.Error())
		}
		return nil, &multiError{msgs: msgs, list: problems, refusals: refusals}
	}
	for _, pr := range plan.Releases {
		plan.files = append(plan.files, stagedFile{path: filepath.Join(dataDir, pr.Release.Period+".json"), data: marshalJSON(pr.Release)})
	}
	// The ledger last: it is what makes a release count as published.
	plan.files = append(plan.files, stagedFile{path: filepath.Join(dataDir, LedgerFile), data: ledger.Bytes()})
	return plan, nil
}

// inputProblems repeats the checks the parsers make, for inputs built in
// code: tables from the catalogue in their unit, that add up.
func inputProblems(in Input) *PosError {
	var msgs []string
	for _, t := range in.Tables {
		ind, ok := LookupIndicator(t.ID)
		if !ok {
			msgs = append(msgs, fmt.Sprintf("table %s is not in the catalogue", t.ID))
			continue
		}
		if t.Unit != ind.Unit {
			msgs = append(msgs, fmt.Sprintf("table %s counts %s, not %s", t.ID, ind.Unit, t.Unit))
		}
		sum := 0
		for _, c := range t.Cells {
			if c.Value < 0 {
				msgs = append(msgs, fmt.Sprintf("table %s, category %s is negative", t.ID, c.Category))
			}
			if !ind.HasCategory(c.Category) {
				msgs = append(msgs, fmt.Sprintf("table %s has no category %s", t.ID, c.Category))
			}
			sum += c.Value
		}
		if len(t.Cells) > 0 && sum != t.Total {
			msgs = append(msgs, fmt.Sprintf("table %s: the categories do not add up to the total", t.ID))
		}
	}
	checkTogether(in, func(_ string, format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) })
	if len(msgs) == 0 {
		return nil
	}
	return in.errorAt("%s", strings.Join(msgs, "; "))
}

// multiError is every problem Prepare found, one per line.
type multiError struct {
	msgs     []string
	list     ErrorList
	refusals []error
}

func (m *multiError) Error() string { return strings.Join(m.msgs, "\n") }

// Unwrap gives the positioned input problems and the audit refusals.
func (m *multiError) Unwrap() []error {
	errs := make([]error, 0, len(m.list)+len(m.refusals))
	for _, p := range m.list {
		errs = append(errs, p)
	}
	return append(errs, m.refusals...)
}

// Files lists the paths Write will replace, in the order it renames them.
func (p *Plan) Files() []string {
	out := make([]string, len(p.files))
	for i, f := range p.files {
		out[i] = f.path
	}
	return out
}

// Write writes the release files and the ledger together: each to a
// temporary file first, then all renamed into place. On any error every file
// is left as it was.
func (p *Plan) Write(fsys afero.Fs) error {
	b := atomicfs.NewBatch(fsys)
	defer b.Discard()
	for _, f := range p.files {
		if err := b.WriteFile(f.path, f.data, 0o644); err != nil {
			return err
		}
	}
	return b.Commit()
}
