// Package smtptest runs a real SMTP server (emersion/go-smtp) on 127.0.0.1 for tests:
// a free port, STARTTLS with a certificate made for the test, AUTH PLAIN, and every
// accepted message kept for the test to read.
package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// Server is a real SMTP server (emersion/go-smtp) on 127.0.0.1 with a
// free port, STARTTLS with a certificate made for the test, and AUTH PLAIN.
// It keeps every message it accepts.
type Server struct {
	Host string
	Port int
	Pool *x509.CertPool // trusts the server's certificate; nil without TLS

	requireAuth bool

	mu       sync.Mutex
	received []Message
}

// Message is one accepted message with what the session saw.
type Message struct {
	From      string
	To        []string
	Data      []byte
	User      string // authenticated user, "" if none
	AuthOnTLS bool   // the AUTH command came over TLS
}

// The only account the server accepts.
const (
	User     = "redazione"
	Password = "s3greta-di-prova"
)

// Start runs a server on 127.0.0.1 until the test ends. With withTLS it offers STARTTLS
// and accepts AUTH PLAIN only over TLS; without, it accepts mail without AUTH.
func Start(t testing.TB, withTLS bool) *Server {
	t.Helper()
	ts := &Server{Host: "127.0.0.1", requireAuth: withTLS}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(c *gosmtp.Conn) (gosmtp.Session, error) {
		return &session{server: ts, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.AllowInsecureAuth = false // AUTH only after STARTTLS
	if withTLS {
		cert, pool := testCertificate(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ts.Pool = pool
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Port = l.Addr().(*net.TCPAddr).Port
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ts
}

// Messages returns what the server accepted so far.
func (ts *Server) Messages() []Message {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]Message(nil), ts.received...)
}

type session struct {
	server *Server
	conn   *gosmtp.Conn
	cur    Message
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	_, onTLS := s.conn.TLSConnectionState()
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != User || password != Password {
			return errors.New("invalid credentials")
		}
		s.cur.User, s.cur.AuthOnTLS = username, onTLS
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *gosmtp.MailOptions) error {
	if s.server.requireAuth && s.cur.User == "" {
		return gosmtp.ErrAuthRequired
	}
	s.cur.From = from
	return nil
}

func (s *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = b
	s.server.mu.Lock()
	s.server.received = append(s.server.received, s.cur)
	s.server.mu.Unlock()
	return nil
}

func (s *session) Reset() {
	user, onTLS := s.cur.User, s.cur.AuthOnTLS
	s.cur = Message{User: user, AuthOnTLS: onTLS}
}

func (s *session) Logout() error { return nil }

// testCertificate makes a self-signed certificate for 127.0.0.1 and a pool
// that trusts it.
func testCertificate(t testing.TB) (tls.Certificate, *x509.CertPool) {
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
