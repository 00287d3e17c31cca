package eml

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/contratto/portal/newsletter/eml/smtptest"
)

// testConfig is how Send reaches a test server.
func testConfig(ts *smtptest.Server) SMTPConfig {
	return SMTPConfig{
		Host: ts.Host, Port: ts.Port, StartTLS: true,
		Username: smtptest.User, Password: smtptest.Password,
		TLS: &tls.Config{RootCAs: ts.Pool, MinVersion: tls.VersionTLS12},
	}
}

func TestSendRoundTrip(t *testing.T) {
	ts := smtptest.Start(t, true)
	h := sampleHeader("ConTratTo، النشرة الإخبارية لشهر يونيو 2012")
	// A line starting with a dot exercises SMTP dot-stuffing.
	msg, err := Build(h, []byte(sampleText), []byte(sampleHTML))
	if err != nil {
		t.Fatal(err)
	}
	to := []string{"redazione@contratto.example", "prova@contratto.example"}
	if err := Send(context.Background(), testConfig(ts), "newsletter@contratto.example", to, msg); err != nil {
		t.Fatal(err)
	}

	got := ts.Messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	r := got[0]
	if r.From != "newsletter@contratto.example" || strings.Join(r.To, ",") != strings.Join(to, ",") {
		t.Errorf("envelope from %q to %q", r.From, r.To)
	}
	if r.User != smtptest.User || !r.AuthOnTLS {
		t.Errorf("auth: user %q, over TLS %t; want %q over TLS", r.User, r.AuthOnTLS, smtptest.User)
	}
	if !bytes.Equal(r.Data, msg) {
		t.Errorf("received bytes differ from the message sent:\n%q\nwant\n%q", r.Data, msg)
	}
	p := parseBack(t, r.Data)
	if len(p.parts) != 2 || !strings.HasPrefix(p.parts[0].contentType, "text/plain") ||
		!strings.HasPrefix(p.parts[1].contentType, "text/html") {
		t.Fatalf("received parts: %+v", p.parts)
	}
	if string(crlfToLF(p.parts[0].body)) != sampleText || string(crlfToLF(p.parts[1].body)) != sampleHTML {
		t.Error("received bodies differ from the inputs")
	}
}

func TestSendRefusals(t *testing.T) {
	withTLS := smtptest.Start(t, true)
	plain := smtptest.Start(t, false)

	t.Run("server without STARTTLS", func(t *testing.T) {
		cfg := testConfig(plain)
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("credentials without STARTTLS", func(t *testing.T) {
		cfg := testConfig(withTLS)
		cfg.StartTLS = false
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "without STARTTLS") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		cfg := testConfig(withTLS)
		cfg.Password = "sbagliata"
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "AUTH PLAIN as redazione") || strings.Contains(err.Error(), "sbagliata") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		cfg := testConfig(withTLS)
		cfg.TLS = nil // system roots do not trust the test certificate
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := Send(ctx, testConfig(withTLS), "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
	t.Run("display name in envelope", func(t *testing.T) {
		err := Send(context.Background(), testConfig(withTLS), "ConTratTo <a@contratto.example>", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "not a bare address") {
			t.Errorf("got %v", err)
		}
	})
	if n := len(withTLS.Messages()) + len(plain.Messages()); n != 0 {
		t.Errorf("%d messages accepted by refused sends", n)
	}
}

func TestSMTPConfigFromEnv(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	cfg, err := SMTPConfigFromEnv(env(map[string]string{
		EnvHost: "smtp.contratto.example", EnvUsername: "redazione", EnvPassword: smtptest.Password,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != "smtp.contratto.example" || cfg.Port != 587 || !cfg.StartTLS || cfg.Username != "redazione" || cfg.Password != smtptest.Password {
		t.Errorf("defaults: %+v", cfg)
	}
	for _, s := range []string{cfg.String(), fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg)} {
		if strings.Contains(s, smtptest.Password) {
			t.Errorf("the password is printed: %s", s)
		}
	}

	cases := []struct {
		vars map[string]string
		want []string
	}{
		{map[string]string{}, []string{EnvHost + " is not set"}},
		{map[string]string{EnvHost: "h", EnvPort: "25x"}, []string{EnvPort + `="25x" is not a port number`}},
		{map[string]string{EnvHost: "h", EnvStartTLS: "forse"}, []string{EnvStartTLS + `="forse" must be true or false`}},
		{map[string]string{EnvHost: "h", EnvUsername: "u"}, []string{EnvPassword + " is not set"}},
		{map[string]string{EnvHost: "h", EnvPassword: smtptest.Password}, []string{EnvUsername + " is not set"}},
		{map[string]string{EnvHost: "h", EnvStartTLS: "false", EnvUsername: "u", EnvPassword: smtptest.Password}, []string{"unencrypted"}},
	}
	for _, c := range cases {
		_, err := SMTPConfigFromEnv(env(c.vars))
		for _, want := range c.want {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%v: got %v, want %q", c.vars, err, want)
			}
		}
		if err != nil && strings.Contains(err.Error(), smtptest.Password) {
			t.Errorf("error shows the password: %v", err)
		}
	}
	cfg, err = SMTPConfigFromEnv(env(map[string]string{EnvHost: "localhost", EnvPort: "1025", EnvStartTLS: "false"}))
	if err != nil || cfg.Port != 1025 || cfg.StartTLS {
		t.Errorf("local server without TLS: %+v %v", cfg, err)
	}
}
