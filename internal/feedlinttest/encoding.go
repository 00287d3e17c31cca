package feedlinttest

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// encodingDecl finds the encoding pseudo-attribute of an XML declaration, as
// the validator's xmlEncoding module does.
var encodingDecl = regexp.MustCompile(`^<\?xml\s+version\s*=\s*(?:"[-a-zA-Z0-9_.:]+"|'[-a-zA-Z0-9_.:]+')\s+encoding\s*=\s*(?:"([-A-Za-z0-9._]+)"|'([-A-Za-z0-9._]+)')`)

// commonEncodings are the encodings the validator accepts without comment
// besides UTF-8 and UTF-16 (it only recommends those two).
var commonEncodings = map[string]bool{
	"US-ASCII": true, "ISO-8859-1": true, "EUC-JP": true, "ISO-8859-2": true,
	"ISO-8859-15": true, "ISO-8859-7": true, "KOI8-R": true, "SHIFT_JIS": true,
	"WINDOWS-1250": true, "WINDOWS-1251": true, "WINDOWS-1252": true,
	"WINDOWS-1254": true, "WINDOWS-1255": true, "WINDOWS-1256": true,
	"GB18030": true,
}

// decodeDocument returns data as UTF-8 text, applying the validator's
// encoding rules: the byte order mark and the XML declaration must agree, a
// declared encoding should be a common one (UTF-8 preferably), the server's
// charset must agree with the declaration, and the bytes must be valid in
// the encoding used.
func decodeDocument(c *checker, data []byte) string {
	first := pos{1, 1}
	declared, declPos := "", first
	body := data
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		body = data[3:]
		declared, declPos = declaredEncoding(body)
		if declared != "" && !isUTF8Label(declared) {
			c.errorf(declPos, "UnicodeError", "Document starts with UTF-8 BOM marker but has incompatible declaration of %s", declared)
		}
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order := unicode.BigEndian
		if data[0] == 0xFF {
			order = unicode.LittleEndian
		}
		enc = unicode.UTF16(order, unicode.ExpectBOM)
		decoded, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			c.errorf(first, "UnicodeError", "%v", err)
			return ""
		}
		declared, declPos = declaredEncoding(decoded)
		if declared != "" && !strings.HasPrefix(strings.ToUpper(declared), "UTF-16") && !strings.HasPrefix(strings.ToUpper(declared), "UCS-2") {
			c.errorf(declPos, "UnicodeError", "Document starts with UTF-16 BOM marker but has incompatible declaration of %s", declared)
		}
		checkServerCharset(c, "UTF-16")
		return validUTF8(c, decoded)
	default:
		declared, declPos = declaredEncoding(data)
	}

	if declared == "" && !bytes.HasPrefix(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), []byte("<?xml")) && c.opts.Charset == "" {
		c.recommendf(first, "MissingEncoding", "No character encoding was specified")
	}
	label := "UTF-8"
	if declared != "" {
		label = declared
		upper := strings.ToUpper(declared)
		switch e, err := ianaindex.IANA.Encoding(declared); {
		case err != nil || e == nil:
			c.errorf(declPos, "UnknownEncoding", "Unknown XML character encoding: %s", declared)
			label = "UTF-8"
		case upper == "UTF-8" || upper == "UTF-16":
		case commonEncodings[upper]:
			c.recommendf(declPos, "NonstdEncoding", "This encoding is not mandated by the XML specification: %s", declared)
		default:
			c.warnf(declPos, "ObscureEncoding", "Obscure XML character encoding: %s", declared)
		}
	}
	checkServerCharset(c, label)
	if c.opts.Charset != "" {
		label = c.opts.Charset // the server's word wins (RFC 7303)
	}
	if isUTF8Label(label) {
		return validUTF8(c, body)
	}
	e, err := ianaindex.IANA.Encoding(label)
	if err != nil || e == nil {
		if label == c.opts.Charset {
			c.errorf(first, "UnknownEncoding", "Unknown XML character encoding: %s", label)
		}
		return validUTF8(c, body)
	}
	decoded, err := e.NewDecoder().Bytes(body)
	if err != nil {
		c.errorf(first, "UnicodeError", "%v (maybe a high-bit character?)", err)
		return validUTF8(c, body)
	}
	return string(decoded)
}

// declaredEncoding returns the encoding named by the XML declaration at the
// start of data, and where it is, or "".
func declaredEncoding(data []byte) (string, pos) {
	m := encodingDecl.FindSubmatchIndex(data)
	if m == nil {
		return "", pos{}
	}
	for g := 1; g <= 2; g++ {
		if m[2*g] >= 0 {
			return string(data[m[2*g]:m[2*g+1]]), pos{1, m[2*g] + 1}
		}
	}
	return "", pos{}
}

func isUTF8Label(s string) bool {
	switch strings.ToUpper(s) {
	case "UTF-8", "UTF8":
		return true
	}
	return false
}

// checkServerCharset is the EncodingMismatch rule: the charset the server
// reports must name the encoding the document declares.
func checkServerCharset(c *checker, encoding string) {
	if c.opts.Charset != "" && !strings.EqualFold(c.opts.Charset, encoding) {
		c.warnf(pos{1, 1}, "EncodingMismatch", "Your feed appears to be encoded as %q, but your server is reporting %q", encoding, c.opts.Charset)
	}
}

// validUTF8 reports the first byte sequence that is not UTF-8 (the
// validator's UnicodeError) and returns data with such bytes replaced.
func validUTF8(c *checker, data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			line := bytes.Count(data[:i], []byte("\n")) + 1
			col := i - bytes.LastIndexByte(data[:i], '\n')
			c.errorf(pos{line, col}, "UnicodeError", "'utf-8' codec can't decode byte 0x%02x in position %d: invalid start byte (maybe a high-bit character?)", data[i], i)
			break
		}
		i += size
	}
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

// checkBadCharacters is the BadCharacters rule: C1 control characters and
// U+FFFD in text or attributes, and Latin-1 letters encoded twice as UTF-8
// ("Ã©" for "é"), betray text decoded with the wrong encoding. It is reported
// once per element.
func checkBadCharacters(c *checker, root *node) {
	root.walk(func(n *node) {
		values := []string{n.text}
		for _, a := range n.attrs {
			values = append(values, a.value)
		}
		for _, v := range values {
			if hasBadCharacters(v) {
				parent := "root"
				if n.parent != nil {
					parent = n.parent.name()
				}
				c.warnf(n.start, "BadCharacters", "%s contains bad characters (in %s)", n.name(), parent)
				return
			}
		}
	})
}

func hasBadCharacters(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r <= 0x9F || r == utf8.RuneError {
			return true
		}
	}
	return doubleEncoded(s)
}

// doubleEncoded reports UTF-8 read as Latin-1: a "Â" or "Ã" followed by a
// character from U+0080 to U+00BF, in text that is itself valid UTF-8 once
// written back as Latin-1 bytes.
func doubleEncoded(s string) bool {
	latin1 := make([]byte, 0, len(s))
	found := false
	var prev rune
	for _, r := range s {
		if r > 0xFF {
			return false
		}
		if r >= 0x80 && r <= 0xBF && (prev == 0xC2 || prev == 0xC3) {
			found = true
		}
		latin1 = append(latin1, byte(r))
		prev = r
	}
	return found && utf8.Valid(latin1)
}
