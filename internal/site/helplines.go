package site

import (
	"errors"
	"fmt"
	"sort"
)

// Helpline is one number of site.toml's [params.helplines].
type Helpline struct {
	Key     string // "regional", "national", "emergency"
	Display string // as shown: "800 186 086"
	Tel     string // as dialled in a tel: link: "800186086"
}

// Helplines reads [params.helplines] from the default language's params, sorted by key.
// Every line needs both display and tel.
func (r *Result) Helplines() ([]Helpline, error) {
	if len(r.Languages) == 0 {
		return nil, errors.New("the site has no languages")
	}
	all, _ := r.Languages[0].Params["helplines"].(map[string]any)
	if len(all) == 0 {
		return nil, errors.New("[params.helplines] is missing")
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Helpline
	for _, key := range keys {
		m, ok := all[key].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("[params.helplines.%s] is not a table", key)
		}
		display, _ := m["display"].(string)
		tel, _ := m["tel"].(string)
		if display == "" || tel == "" {
			return nil, fmt.Errorf("[params.helplines.%s] needs both display and tel", key)
		}
		out = append(out, Helpline{Key: key, Display: display, Tel: tel})
	}
	return out, nil
}
