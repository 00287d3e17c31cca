package newsletter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/mail"
	"path/filepath"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/eml"
	"github.com/spf13/afero"
)

// SendTest mails one language's issue.eml to one address, over the SMTP server the
// environment names (see eml.SMTPConfigFromEnv), so staff can see it in their own
// mail client. It sends the file as it is, with a To header added.
func SendTest(ctx context.Context, p site.Project, month, lang, to string, getenv func(string) string, out io.Writer) error {
	s, m, _, err := start(p, month, []string{lang})
	if err != nil {
		return err
	}
	addr, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("-to %q: not an email address", to)
	}
	from, err := mail.ParseAddress(s.cfg.From)
	if err != nil {
		return fmt.Errorf("site.toml: [params.newsletter] from %q: %w", s.cfg.From, err)
	}
	rel := filepath.Join(distDir(m, lang), EMLFile)
	msg, err := afero.ReadFile(p.Fs, p.Path(rel))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s does not exist: run newsletter assemble (or publish) -month %s first", rel, m)
	}
	if err != nil {
		return err
	}
	cfg, err := eml.SMTPConfigFromEnv(getenv)
	if err != nil {
		return err
	}
	msg = append([]byte("To: "+addr.Address+"\r\n"), msg...)
	if err := eml.Send(ctx, cfg, from.Address, []string{addr.Address}, msg); err != nil {
		return err
	}
	fmt.Fprintf(out, "sent %s to %s through %s:%d\n", rel, addr.Address, cfg.Host, cfg.Port)
	return nil
}
