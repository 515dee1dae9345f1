package didww

import "context"

// PublicKeysService reads the RSA keys DIDWW publishes for encrypting the
// documents of a registration (see EncryptFile and EncryptedFiles.Upload).
type PublicKeysService service

// List returns the keys of GET /public_keys in the order the API sends
// them, key A first: EncryptFile and Fingerprint take them in that order.
// The request carries no credential, as DIDWW documents it; the list is not
// paginated.
func (s *PublicKeysService) List(ctx context.Context) ([]*PublicKey, error) {
	r := &request{method: "GET", path: "/public_keys", anonymous: true}
	resp, err := s.client.do(ctx, r)
	if err != nil {
		return nil, err
	}
	p, err := decodePage[PublicKey](r, resp)
	if err != nil {
		return nil, err
	}
	return p.Items, nil
}
