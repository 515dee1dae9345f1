package didww

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProofTypesList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/proof_types", rec.wrap(jsonAPI(200, fixture(t, "proof_types/list.json"))))
	var got []*ProofType
	for pt, err := range c.ProofTypes.All(t.Context(), &ProofTypeListOptions{EntityType: ProofEntityAddress, Sort: []string{"name"}}) {
		require.NoError(t, err)
		got = append(got, pt)
	}
	assert.Equal(t, "filter%5Bentity_type%5D=Address&page%5Bnumber%5D=1&sort=name", rec.only(t).RawQuery, "an answer without links is one page")
	require.Len(t, got, 3)
	assert.Equal(t, &ProofType{ID: "ac2fd5ea-1b2c-4b04-a4c3-bc4f8e1d3c2a", Name: "Utility Bill", EntityType: ProofEntityAddress}, got[1])

	_, err := c.ProofTypes.Get(t.Context(), "x", &GetOptions{Include: []string{"entity"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
}

func TestSupportingDocumentTemplatesList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/supporting_document_templates", rec.wrap(jsonAPI(200, fixture(t, "supporting_document_templates/list.json"))))
	p, err := c.SupportingDocumentTemplates.List(t.Context(), &SupportingDocumentTemplateListOptions{
		NameContains: "Letter", Permanent: Bool(true), Sort: []string{"-permanent"},
	})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bname_contains%5D=Letter&filter%5Bpermanent%5D=true&sort=-permanent", rec.only(t).RawQuery)
	require.Len(t, p.Items, 2)
	assert.Equal(t, 2, p.Meta.TotalRecords)
	assert.Equal(t, &SupportingDocumentTemplate{ID: "206ccec2-1166-461f-9f58-3a56823db548", Name: "Letter of Authorization",
		Permanent: true, URL: "https://dev-assets.didww.com/templates/Letter_of_Authorization.pdf"}, p.Items[1])
}

func TestAreasList(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/areas", rec.wrap(jsonAPI(200, fixture(t, "areas/list_include_country.json"))))
	p, err := c.Areas.List(t.Context(), &AreaListOptions{CountryID: "1f6fc2bd-f081-4202-9b1a-d9cb88d942b9", Include: []string{"country"}})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bcountry.id%5D=1f6fc2bd-f081-4202-9b1a-d9cb88d942b9&include=country", rec.only(t).RawQuery)
	require.Len(t, p.Items, 1)
	assert.Equal(t, &Area{ID: "7a5d3c1e-9b2f-4e8a-a6d4-0c3b2a1f9e8d", Name: "Nordrhein-Westfalen",
		Country: &Country{ID: "1f6fc2bd-f081-4202-9b1a-d9cb88d942b9", Name: "Germany", Prefix: "49", ISO: "DE"}}, p.Items[0])

	_, err = c.Areas.List(t.Context(), &AreaListOptions{Sort: []string{"country.name"}})
	assert.ErrorIs(t, err, ErrInvalidRequest)
}

func TestPublicKeysListIsAnonymous(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"public_keys/list.json", "public_keys/list_with_meta.json"} {
		c, mt := newTestClient(t)
		var rec recorder
		mt.RegisterResponder("GET", testBaseURL+"/public_keys", rec.wrap(jsonAPI(200, fixture(t, name))))
		keys, err := c.PublicKeys.List(t.Context())
		require.NoError(t, err, name)
		r := rec.only(t)
		assert.Empty(t, r.Header.Values("Api-Key"), "no credential on /public_keys")
		assert.Empty(t, r.Header.Values("Authorization"))
		assert.Equal(t, DefaultAPIVersion, r.Header.Get("X-DIDWW-API-Version"))
		require.Len(t, keys, 2)
		assert.Equal(t, testKeys(t)[0].Key, keys[0].Key, "key A first, as sent")
		assert.Equal(t, "dcf2bfcb-a1d0-3b58-bbf0-3ec22a510ba8", keys[0].ID)
		fp, err := Fingerprint(keys)
		require.NoError(t, err)
		assert.Equal(t, fingerprintA+":::"+fingerprintB, fp)
	}
}
