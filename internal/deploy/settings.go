package deploy

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// settingsTable is where site.toml keeps the deploy settings.
const settingsTable = "params.deploy"

// settingNames are the keys [params.deploy] may have. There is no key for the access key:
// it comes only from the environment.
var settingNames = map[string]bool{"bucket": true, "endpoint": true, "region": true, "prefix": true}

// LoadTarget reads [params.deploy] (bucket, endpoint, region, prefix) from the config file
// (site.toml) in fsys; a missing table gives an empty Target. An error names the file and
// line; a key that is not a setting is refused without printing its value, so an access
// key written there by mistake is not echoed.
func LoadTarget(fsys afero.Fs, configFile string) (Target, error) {
	name := filepath.Base(configFile)
	data, err := afero.ReadFile(fsys, configFile)
	if err != nil {
		return Target{}, err
	}
	var c struct {
		Params struct {
			Deploy map[string]any `toml:"deploy"`
		} `toml:"params"`
	}
	if err := toml.Unmarshal(data, &c); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return Target{}, fmt.Errorf("%s:%d: %s", name, row, de.Error())
		}
		return Target{}, fmt.Errorf("%s: %w", name, err)
	}
	var t Target
	keys := make([]string, 0, len(c.Params.Deploy))
	for k := range c.Params.Deploy {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		where := fmt.Sprintf("%s:%d: [%s] %s", name, lineOf(data, k), settingsTable, k)
		if !settingNames[k] {
			return Target{}, fmt.Errorf("%s: not a setting (bucket, endpoint, region, prefix); the access key is read only from the environment (%s, %s), never from %s", where, EnvAccessKeyID, EnvSecretAccessKey, name)
		}
		v, ok := c.Params.Deploy[k].(string)
		if !ok {
			return Target{}, fmt.Errorf("%s: write it as a string in quotes", where)
		}
		switch k {
		case "bucket":
			t.Bucket = v
		case "endpoint":
			t.Endpoint = v
		case "region":
			t.Region = v
		case "prefix":
			t.Prefix = v
		}
	}
	return t, nil
}

// lineOf returns the number of the line of the [params.deploy] table that sets key (or
// the table's own line, or 1).
func lineOf(data []byte, key string) int {
	table := 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			if table > 0 {
				break
			}
			if strings.Join(strings.Fields(strings.Trim(line, "[]")), "") == settingsTable {
				table = i + 1
			}
			continue
		}
		if rest, ok := strings.CutPrefix(line, key); table > 0 && ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return max(table, 1)
}
