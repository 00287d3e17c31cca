package stats

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/spf13/afero"
)

// The threshold k: tables of persons show no count from 1 to k-1.
const (
	ThresholdFloor   = 3 // the Sistan minimum: a published combination has at least 3 units
	DefaultThreshold = 5 // used when site.toml does not set one
)

// LoadThreshold reads k from [params.statistics] threshold in the site's
// TOML configuration. It returns DefaultThreshold when the key is absent, and
// an error naming the file, line and column when the value is not a whole
// number or is below ThresholdFloor.
func LoadThreshold(fs afero.Fs, path string) (int, error) {
	data, err := afero.ReadFile(fs, path)
	if err != nil {
		return 0, fmt.Errorf("reading the site configuration: %w", err)
	}
	// A full decode first, for TOML syntax errors with their position.
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		if de, ok := errors.AsType[*toml.DecodeError](err); ok {
			line, col := de.Position()
			return 0, &PosError{File: path, Line: line, Col: col, Msg: de.Error()}
		}
		return 0, &PosError{File: path, Msg: err.Error()}
	}
	node, found := findKey(data, []string{"params", "statistics", "threshold"})
	if !found {
		return DefaultThreshold, nil
	}
	fail := func(format string, args ...any) (int, error) {
		return 0, &PosError{File: path, Line: node.pos.Line, Col: node.pos.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if node.kind != unstable.Integer {
		return fail("[params.statistics] threshold must be a whole number, found %s", node.kind)
	}
	k, err := strconv.ParseInt(strings.ReplaceAll(string(node.data), "_", ""), 0, 64)
	if err != nil {
		return fail("[params.statistics] threshold %s is not a whole number in range", node.data)
	}
	if k < ThresholdFloor {
		return fail("[params.statistics] threshold = %d is below the floor of %d: tables of persons need at least %d per shown count", k, ThresholdFloor, ThresholdFloor)
	}
	if k > maxCount {
		return fail("[params.statistics] threshold = %d is too large", k)
	}
	return int(k), nil
}

// tomlValue is a scalar found in a TOML document, copied out of the parser.
type tomlValue struct {
	kind unstable.Kind
	data []byte
	pos  unstable.Position
}

// findKey looks for a dotted key in a TOML document, however it is written
// ([a.b] c = 1, a.b.c = 1, or an inline table), matching names without
// regard to case as Hugo does. It returns the value and where it is.
func findKey(data []byte, want []string) (tomlValue, bool) {
	p := unstable.Parser{}
	p.Reset(data)
	var table []string
	var found tomlValue
	ok := false
	var walk func(prefix []string, kv *unstable.Node)
	walk = func(prefix []string, kv *unstable.Node) {
		key := append(append([]string{}, prefix...), keyParts(kv.Key())...)
		v := kv.Value()
		if v.Kind == unstable.InlineTable {
			for it := v.Children(); it.Next(); {
				walk(key, it.Node())
			}
			return
		}
		if sameKey(key, want) { // copy now: the parser reuses its nodes
			found = tomlValue{kind: v.Kind, data: append([]byte(nil), v.Data...), pos: p.Shape(v.Raw).Start}
			ok = true
		}
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyParts(e.Key())
		case unstable.KeyValue:
			walk(table, e)
		}
	}
	return found, ok
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

func sameKey(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}
