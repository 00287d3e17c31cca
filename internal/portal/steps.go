package portal

import (
	"path/filepath"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/stats"
	"github.com/contratto/portal/newsletter/archive"
)

// exportStatistics writes public/data/stats.json and the CSV downloads from the
// protected releases in data/stats/.
func exportStatistics(p site.Project, res *site.Result) error {
	return stats.Export(p.Fs, filepath.Join(p.Dir, "data", "stats"), res.Output)
}

// writeNewsletterFeeds writes each language's newsletter feeds from the published issues.
func writeNewsletterFeeds(_ site.Project, res *site.Result) error {
	return archive.WriteFeeds(res)
}
