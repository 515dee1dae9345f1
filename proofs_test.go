package didww

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProofsGetDecodesIdentityEntity(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/proofs/ed46925b-a830-482d-917d-015858cf7ab9",
		rec.wrap(jsonAPI(200, fixture(t, "proofs/get_include_entity.json"))))
	p, err := c.Proofs.Get(t.Context(), "ed46925b-a830-482d-917d-015858cf7ab9", &GetOptions{Include: []string{"entity"}})
	require.NoError(t, err)
	assert.Equal(t, "include=entity", rec.only(t).RawQuery)
	assert.Equal(t, &Proof{
		ID: "ed46925b-a830-482d-917d-015858cf7ab9", CreatedAt: time.Date(2026, 4, 16, 11, 2, 4, 0, time.UTC),
		ExternalReferenceID: "proof-1", ProofType: &ProofType{ID: "19cd7b22-559b-41d4-99c9-7ad7ad63d5d1"},
		Entity: &Identity{
			ID: "5e9df058-50d2-4e34-b0d4-d1746b86f41a", IdentityType: IdentityPersonal, FirstName: "John", LastName: "Doe",
			PhoneNumber: "4930123456", IDNumber: "AB123456", BirthDate: "1980-12-31",
			CreatedAt: time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC),
		},
	}, p)
	typ, id := p.Entity.EntityRef()
	assert.Equal(t, [2]string{"identities", "5e9df058-50d2-4e34-b0d4-d1746b86f41a"}, [2]string{typ, id})
}

func TestProofsListDecodesAddressAndUnknownEntities(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/proofs", rec.wrap(jsonAPI(200, fixture(t, "proofs/list_address_entity.json"))))
	page, err := c.Proofs.List(t.Context(), &ProofListOptions{
		ID: []string{"p1", "p2"}, ExternalReferenceID: "crm", Include: []string{"proof_type"}, Sort: []string{"-expires_at"},
	})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bexternal_reference_id%5D=crm&filter%5Bid%5D=p1%2Cp2&include=proof_type&sort=-expires_at",
		rec.only(t).RawQuery)
	require.Len(t, page.Items, 2)
	exp := time.Date(2026, 10, 16, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, &exp, page.Items[0].ExpiresAt)
	assert.Equal(t, &Address{ID: "bf69bc70-e1c2-442c-9f30-335ee299b663"}, page.Items[0].Entity)
	assert.Equal(t, &OtherProofEntity{Type: "ported_numbers", ID: "77"}, page.Items[1].Entity,
		"an entity type the library does not know is kept, not refused")

	_, err = c.Proofs.List(t.Context(), &ProofListOptions{Include: []string{"files"}})
	assert.True(t, errors.Is(err, ErrInvalidRequest), "files are never readable, so not includable: %v", err)
}

func TestProofsCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("POST", testBaseURL+"/proofs", rec.wrap(jsonAPI(201, fixture(t, "proofs/get_include_entity.json"))))
	p, err := c.Proofs.Create(t.Context(), &ProofCreateRequest{
		ProofTypeID: "pt1", EntityKind: ProofOfAddress, EntityID: "a1", FileIDs: []string{"f1", "f2"}, ExternalReferenceID: "x",
	})
	require.NoError(t, err)
	assert.Equal(t, "ed46925b-a830-482d-917d-015858cf7ab9", p.ID)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, `{"data":{"type":"proofs","attributes":{"external_reference_id":"x"},"relationships":{`+
		`"proof_type":{"data":{"type":"proof_types","id":"pt1"}},"entity":{"data":{"type":"addresses","id":"a1"}},`+
		`"files":{"data":[{"type":"encrypted_files","id":"f1"},{"type":"encrypted_files","id":"f2"}]}}}}`, string(r.Body))

	_, err = c.Proofs.Create(t.Context(), &ProofCreateRequest{ProofTypeID: "pt1", EntityKind: ProofOfIdentity, EntityID: "i1", FileIDs: []string{"f1"}})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"proofs","relationships":{"proof_type":{"data":{"type":"proof_types","id":"pt1"}},`+
		`"entity":{"data":{"type":"identities","id":"i1"}},"files":{"data":[{"type":"encrypted_files","id":"f1"}]}}}}`,
		string(rec.reqs[1].Body), "no attributes member when none is set")

	for name, req := range map[string]*ProofCreateRequest{
		"request":    nil,
		"proof_type": {EntityKind: ProofOfIdentity, EntityID: "i", FileIDs: []string{"f"}},
		"entity":     {ProofTypeID: "pt", EntityKind: "dids", EntityID: "i", FileIDs: []string{"f"}},
		"files":      {ProofTypeID: "pt", EntityKind: ProofOfIdentity, EntityID: "i"},
	} {
		_, err := c.Proofs.Create(t.Context(), req)
		require.True(t, errors.Is(err, ErrInvalidRequest), name)
		assert.Contains(t, err.Error(), name)
	}
	assert.Len(t, rec.reqs, 2, "invalid requests are not sent")
}

func TestProofsUpdateAndDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("PATCH", testBaseURL+"/proofs/p1", rec.wrap(jsonAPI(200, fixture(t, "proofs/get_include_entity.json"))))
	mt.RegisterResponder("DELETE", testBaseURL+"/proofs/p1", rec.wrap(jsonAPI(204, nil)))
	_, err := c.Proofs.Update(t.Context(), "p1", &ProofUpdateRequest{ExternalReferenceID: Null[string]()})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"id":"p1","type":"proofs","attributes":{"external_reference_id":null}}}`, string(rec.reqs[0].Body))
	_, err = c.Proofs.Update(t.Context(), "p1", &ProofUpdateRequest{})
	assert.True(t, errors.Is(err, ErrInvalidRequest))
	require.NoError(t, c.Proofs.Delete(t.Context(), "p1"))
	require.Len(t, rec.reqs, 2)
	assert.Equal(t, "DELETE", rec.reqs[1].Method)
}
