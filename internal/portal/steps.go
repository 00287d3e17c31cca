package portal

import (
	"path/filepath"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/stats"
)

func init() {
	afterHugo = append(afterHugo, exportStatistics)
}

// exportStatistics writes public/data/stats.json and the CSV downloads from the
// protected releases in data/stats/.
func exportStatistics(p Project, res *site.Result) error {
	return stats.Export(p.Fs, filepath.Join(p.Dir, "data", "stats"), res.Output)
}
