package site

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bep/logg"
)

// logCollector keeps what Hugo logs during one build: warnings and errors to report,
// and the per-language render times Hugo measures at info level.
type logCollector struct {
	mu      sync.Mutex
	warns   []string
	errs    []string
	renders map[string]time.Duration
}

func newLogCollector() *logCollector {
	return &logCollector{renders: map[string]time.Duration{}}
}

func (c *logCollector) handle(e *logg.Entry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case e.Level >= logg.LevelError:
		c.errs = append(c.errs, e.Message)
	case e.Level == logg.LevelWarn:
		c.warns = append(c.warns, e.Message)
	case e.Level == logg.LevelInfo:
		c.recordRender(e.Fields)
	}
	return nil
}

// recordRender picks up the "render pages" timing of one language and output format.
func (c *logCollector) recordRender(fields logg.Fields) {
	var step, substep, lang string
	var d time.Duration
	for _, f := range fields {
		switch f.Name {
		case "step":
			step, _ = f.Value.(string)
		case "substep":
			substep, _ = f.Value.(string)
		case "site":
			lang, _ = f.Value.(string)
		case "duration":
			d, _ = f.Value.(time.Duration)
		}
	}
	if step == "render" && substep == "pages" && lang != "" {
		c.renders[lang] += d
	}
}

func (c *logCollector) errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errs...)
}

// warnings returns the distinct warnings, sorted, with project paths made relative.
func (c *logCollector) warnings(dir string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, w := range c.warns {
		w = strings.ReplaceAll(w, dir+string(filepath.Separator), "")
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

func (c *logCollector) renderTimes() map[string]time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]time.Duration, len(c.renders))
	for k, v := range c.renders {
		out[k] = v
	}
	return out
}

// explain replaces Hugo's "logged N error(s)" with the errors themselves.
func (c *logCollector) explain(err error) error {
	errs := c.errors()
	if len(errs) == 0 || !strings.Contains(err.Error(), "logged ") {
		return err
	}
	return fmt.Errorf("%w", errors.New(strings.Join(errs, "\n")))
}
