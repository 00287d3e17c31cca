package eml

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// testServer is a real SMTP server (emersion/go-smtp) on 127.0.0.1 with a
// free port, STARTTLS with a certificate made for the test, and AUTH PLAIN.
// It keeps every message it accepts.
type testServer struct {
	host string
	port int
	pool *x509.CertPool // trusts the server's certificate

	mu       sync.Mutex
	received []received
}

// received is one accepted message with what the session saw.
type received struct {
	from      string
	to        []string
	data      []byte
	user      string // authenticated user, "" if none
	authOnTLS bool   // the AUTH command came over TLS
}

const (
	testUser     = "redazione"
	testPassword = "s3greta-di-prova"
)

func startServer(t *testing.T, withTLS bool) *testServer {
	t.Helper()
	ts := &testServer{host: "127.0.0.1"}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(c *gosmtp.Conn) (gosmtp.Session, error) {
		return &session{server: ts, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.AllowInsecureAuth = false // AUTH only after STARTTLS
	if withTLS {
		cert, pool := testCertificate(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ts.pool = pool
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.port = l.Addr().(*net.TCPAddr).Port
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ts
}

func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.received...)
}

func (ts *testServer) config() SMTPConfig {
	return SMTPConfig{
		Host: ts.host, Port: ts.port, StartTLS: true,
		Username: testUser, Password: testPassword,
		TLS: &tls.Config{RootCAs: ts.pool, MinVersion: tls.VersionTLS12},
	}
}

type session struct {
	server *testServer
	conn   *gosmtp.Conn
	cur    received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	_, onTLS := s.conn.TLSConnectionState()
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != testUser || password != testPassword {
			return errors.New("invalid credentials")
		}
		s.cur.user, s.cur.authOnTLS = username, onTLS
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *gosmtp.MailOptions) error {
	if s.cur.user == "" {
		return gosmtp.ErrAuthRequired
	}
	s.cur.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.server.mu.Lock()
	s.server.received = append(s.server.received, s.cur)
	s.server.mu.Unlock()
	return nil
}

func (s *session) Reset() {
	user, onTLS := s.cur.user, s.cur.authOnTLS
	s.cur = received{user: user, authOnTLS: onTLS}
}

func (s *session) Logout() error { return nil }

// testCertificate makes a self-signed certificate for 127.0.0.1 and a pool
// that trusts it.
func testCertificate(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "contratto test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

func TestSendRoundTrip(t *testing.T) {
	ts := startServer(t, true)
	h := sampleHeader("ConTratTo، النشرة الإخبارية لشهر يونيو 2012")
	// A line starting with a dot exercises SMTP dot-stuffing.
	msg, err := Build(h, []byte(sampleText), []byte(sampleHTML))
	if err != nil {
		t.Fatal(err)
	}
	to := []string{"redazione@contratto.example", "prova@contratto.example"}
	if err := Send(context.Background(), ts.config(), "newsletter@contratto.example", to, msg); err != nil {
		t.Fatal(err)
	}

	got := ts.messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	r := got[0]
	if r.from != "newsletter@contratto.example" || strings.Join(r.to, ",") != strings.Join(to, ",") {
		t.Errorf("envelope from %q to %q", r.from, r.to)
	}
	if r.user != testUser || !r.authOnTLS {
		t.Errorf("auth: user %q, over TLS %t; want %q over TLS", r.user, r.authOnTLS, testUser)
	}
	if !bytes.Equal(r.data, msg) {
		t.Errorf("received bytes differ from the message sent:\n%q\nwant\n%q", r.data, msg)
	}
	p := parseBack(t, r.data)
	if len(p.parts) != 2 || !strings.HasPrefix(p.parts[0].contentType, "text/plain") ||
		!strings.HasPrefix(p.parts[1].contentType, "text/html") {
		t.Fatalf("received parts: %+v", p.parts)
	}
	if string(crlfToLF(p.parts[0].body)) != sampleText || string(crlfToLF(p.parts[1].body)) != sampleHTML {
		t.Error("received bodies differ from the inputs")
	}
}

func TestSendRefusals(t *testing.T) {
	withTLS := startServer(t, true)
	plain := startServer(t, false)

	t.Run("server without STARTTLS", func(t *testing.T) {
		cfg := plain.config()
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("credentials without STARTTLS", func(t *testing.T) {
		cfg := withTLS.config()
		cfg.StartTLS = false
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "without STARTTLS") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		cfg := withTLS.config()
		cfg.Password = "sbagliata"
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "AUTH PLAIN as redazione") || strings.Contains(err.Error(), "sbagliata") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		cfg := withTLS.config()
		cfg.TLS = nil // system roots do not trust the test certificate
		err := Send(context.Background(), cfg, "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := Send(ctx, withTLS.config(), "a@contratto.example", []string{"b@contratto.example"}, []byte("x\r\n"))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
	t.Run("display name in envelope", func(t *testing.T) {
		err := Send(context.Background(), withTLS.config(), "ConTratTo <a@contratto.example>", []string{"b@contratto.example"}, []byte("x\r\n"))
		if err == nil || !strings.Contains(err.Error(), "not a bare address") {
			t.Errorf("got %v", err)
		}
	})
	if n := len(withTLS.messages()) + len(plain.messages()); n != 0 {
		t.Errorf("%d messages accepted by refused sends", n)
	}
}

func TestSMTPConfigFromEnv(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	cfg, err := SMTPConfigFromEnv(env(map[string]string{
		EnvHost: "smtp.contratto.example", EnvUsername: "redazione", EnvPassword: testPassword,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != "smtp.contratto.example" || cfg.Port != 587 || !cfg.StartTLS || cfg.Username != "redazione" || cfg.Password != testPassword {
		t.Errorf("defaults: %+v", cfg)
	}
	for _, s := range []string{cfg.String(), fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg)} {
		if strings.Contains(s, testPassword) {
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
		{map[string]string{EnvHost: "h", EnvPassword: testPassword}, []string{EnvUsername + " is not set"}},
		{map[string]string{EnvHost: "h", EnvStartTLS: "false", EnvUsername: "u", EnvPassword: testPassword}, []string{"unencrypted"}},
	}
	for _, c := range cases {
		_, err := SMTPConfigFromEnv(env(c.vars))
		for _, want := range c.want {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%v: got %v, want %q", c.vars, err, want)
			}
		}
		if err != nil && strings.Contains(err.Error(), testPassword) {
			t.Errorf("error shows the password: %v", err)
		}
	}
	cfg, err = SMTPConfigFromEnv(env(map[string]string{EnvHost: "localhost", EnvPort: "1025", EnvStartTLS: "false"}))
	if err != nil || cfg.Port != 1025 || cfg.StartTLS {
		t.Errorf("local server without TLS: %+v %v", cfg, err)
	}
}
