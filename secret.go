package didww

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
)

// Secret is a password or credential the API hands back, such as a SIP
// trunk's auth_password. It never prints: every fmt verb shows "[redacted]"
// (nothing when it is empty), and so do JSON encoding, go-spew and testify's
// diffs, which see only a masked form. Reveal returns the value. Two
// Secrets holding the same value are equal (==, reflect.DeepEqual).
type Secret struct {
	// masked is the value XOR a keystream of this process (secretPad):
	// printers that read fields see noise, never the value.
	masked string
}

// NewSecret returns a Secret holding s; NewSecret("") is the empty Secret.
func NewSecret(s string) Secret { return Secret{masked: maskSecret(s)} }

// Reveal returns the value, for the place that needs it (a SIP client's
// configuration, say).
func (s Secret) Reveal() string { return maskSecret(s.masked) }

// IsZero reports whether the Secret is empty.
func (s Secret) IsZero() bool { return s.masked == "" }

const redacted = "[redacted]"

// String returns "[redacted]", or "" for the empty Secret.
func (s Secret) String() string {
	if s.IsZero() {
		return ""
	}
	return redacted
}

// GoString is what %#v shows: the type, never the value.
func (s Secret) GoString() string {
	if s.IsZero() {
		return "didww.Secret{}"
	}
	return "didww.Secret{" + redacted + "}"
}

// Format prints String (GoString for %#v) whatever the verb and flags.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, s.GoString())
		return
	}
	_, _ = io.WriteString(f, s.String())
}

// MarshalJSON writes "[redacted]", or null for the empty Secret: a model
// encoded to JSON (for a log, a cache) carries no secret. Requests send
// the value through their own encoding.
func (s Secret) MarshalJSON() ([]byte, error) {
	if s.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + redacted + `"`), nil
}

// UnmarshalJSON reads a JSON string (null is the empty Secret).
func (s *Secret) UnmarshalJSON(b []byte) error {
	var v *string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("secret: %w", err)
	}
	*s = Secret{}
	if v != nil {
		*s = NewSecret(*v)
	}
	return nil
}

// secretKey seeds the keystream that masks secrets in memory; it is drawn
// once per process.
var secretKey = func() [32]byte {
	var k [32]byte
	_, _ = rand.Read(k[:])
	return k
}()

// maskSecret XORs s with the process keystream; applied twice it gives s back.
func maskSecret(s string) string {
	if s == "" {
		return ""
	}
	out := []byte(s)
	var block [40]byte
	copy(block[:], secretKey[:])
	for i := 0; i < len(out); i += sha256.Size {
		binary.BigEndian.PutUint64(block[32:], uint64(i))
		pad := sha256.Sum256(block[:])
		for j := i; j < len(out) && j < i+sha256.Size; j++ {
			out[j] ^= pad[j-i]
		}
	}
	return string(out)
}
