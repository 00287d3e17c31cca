package eml

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"strconv"
	"strings"
)

// Environment variables read by SMTPConfigFromEnv.
const (
	EnvHost     = "CONTRATTO_SMTP_HOST"
	EnvPort     = "CONTRATTO_SMTP_PORT"
	EnvStartTLS = "CONTRATTO_SMTP_STARTTLS"
	EnvUsername = "CONTRATTO_SMTP_USERNAME"
	EnvPassword = "CONTRATTO_SMTP_PASSWORD"
)

// DefaultPort is the submission port (RFC 6409), used when EnvPort is unset.
const DefaultPort = 587

// SMTPConfig says how to reach the SMTP server for a test send.
type SMTPConfig struct {
	Host     string // server host name, also the name checked in its TLS certificate
	Port     int
	StartTLS bool   // upgrade the connection with STARTTLS before anything else
	Username string // empty: no authentication
	Password string // never printed: String and GoString redact it

	// TLS, when set, is used for STARTTLS (tests pass their own roots);
	// nil verifies the server against the system roots for Host.
	TLS *tls.Config
}

// String describes the configuration without the password.
func (c SMTPConfig) String() string {
	auth := "no auth"
	if c.Username != "" {
		auth = "user " + c.Username + ", password set"
	}
	return fmt.Sprintf("smtp://%s (STARTTLS %t, %s)", net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), c.StartTLS, auth)
}

// GoString keeps the password out of %#v.
func (c SMTPConfig) GoString() string { return "eml.SMTPConfig{" + c.String() + "}" }

// SMTPConfigFromEnv reads the configuration from CONTRATTO_SMTP_HOST (required),
// CONTRATTO_SMTP_PORT (default 587), CONTRATTO_SMTP_STARTTLS (true or false,
// default true), CONTRATTO_SMTP_USERNAME and CONTRATTO_SMTP_PASSWORD (both or
// neither). Pass os.Getenv. Errors name the variable to fix and never
// contain the password.
func SMTPConfigFromEnv(getenv func(string) string) (SMTPConfig, error) {
	c := SMTPConfig{Host: strings.TrimSpace(getenv(EnvHost)), Port: DefaultPort, StartTLS: true}
	var problems []string
	if c.Host == "" {
		problems = append(problems, EnvHost+" is not set (the SMTP server's host name)")
	}
	if v := strings.TrimSpace(getenv(EnvPort)); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			problems = append(problems, fmt.Sprintf("%s=%q is not a port number (1-65535)", EnvPort, v))
		}
		c.Port = p
	}
	if v := strings.TrimSpace(getenv(EnvStartTLS)); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s=%q must be true or false", EnvStartTLS, v))
		}
		c.StartTLS = b
	}
	c.Username = getenv(EnvUsername)
	c.Password = getenv(EnvPassword)
	switch {
	case c.Username != "" && c.Password == "":
		problems = append(problems, EnvPassword+" is not set but "+EnvUsername+" is")
	case c.Username == "" && c.Password != "":
		problems = append(problems, EnvUsername+" is not set but "+EnvPassword+" is")
	}
	if c.Username != "" && !c.StartTLS {
		problems = append(problems, EnvStartTLS+" is false but credentials are set: the password would travel unencrypted")
	}
	if len(problems) > 0 {
		return SMTPConfig{}, errors.New("smtp configuration: " + strings.Join(problems, "; "))
	}
	return c, nil
}

// Send delivers msg to the recipients in to, with from as the envelope
// sender. With StartTLS it refuses a server that does not offer STARTTLS;
// credentials are sent (AUTH PLAIN) only over TLS. The context bounds the
// whole exchange.
func Send(ctx context.Context, cfg SMTPConfig, from string, to []string, msg []byte) error {
	if cfg.Host == "" || cfg.Port == 0 {
		return errors.New("smtp: host and port are required")
	}
	if cfg.Username != "" && !cfg.StartTLS {
		return errors.New("smtp: refusing to send credentials without STARTTLS")
	}
	if len(to) == 0 {
		return errors.New("smtp: no recipient")
	}
	for _, a := range append([]string{from}, to...) {
		if a == "" || strings.ContainsAny(a, "<>\r\n ") {
			return fmt.Errorf("smtp: %q is not a bare address (want name@domain, no display name)", a)
		}
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))

	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("smtp: connecting to %s: %w", addr, err)
	}
	// Closing the connection unblocks any read or write when ctx ends.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	err = exchange(conn, cfg, from, to, msg)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("smtp: %s: %w", addr, ctxErr)
	}
	if err != nil {
		return fmt.Errorf("smtp: %s: %w", addr, err)
	}
	return nil
}

func exchange(conn net.Conn, cfg SMTPConfig, from string, to []string, msg []byte) error {
	c, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		return fmt.Errorf("EHLO: %w", err)
	}
	if cfg.StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("the server does not offer STARTTLS (set " + EnvStartTLS + "=false only for a local test server without credentials)")
		}
		tlsConfig := cfg.TLS
		if tlsConfig == nil {
			tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		tlsConfig = tlsConfig.Clone()
		if tlsConfig.ServerName == "" {
			tlsConfig.ServerName = cfg.Host
		}
		if err := c.StartTLS(tlsConfig); err != nil {
			return fmt.Errorf("STARTTLS: %w", err)
		}
	}
	if cfg.Username != "" {
		if _, isTLS := c.TLSConnectionState(); !isTLS {
			return errors.New("refusing to authenticate without TLS")
		}
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("credentials are set but the server offers no AUTH")
		}
		if err := c.Auth(smtp.PlainAuth("", cfg.Username, cfg.Password, cfg.Host)); err != nil {
			return fmt.Errorf("AUTH PLAIN as %s: %w", cfg.Username, err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("MAIL FROM %s: %w", from, err)
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			return fmt.Errorf("RCPT TO %s: %w", r, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	return c.Quit()
}
