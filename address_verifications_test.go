package didww

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddressVerificationsGetDecodesRejected(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	mt.RegisterResponder("GET", testBaseURL+"/address_verifications/c8e004b0-87ec-4987-b4fb-ee89db099f0e",
		jsonAPI(200, fixture(t, "address_verifications/show_rejected.json")))
	v, err := c.AddressVerifications.Get(t.Context(), "c8e004b0-87ec-4987-b4fb-ee89db099f0e", nil)
	require.NoError(t, err)
	assert.Equal(t, &AddressVerification{
		ID: "c8e004b0-87ec-4987-b4fb-ee89db099f0e", Reference: "ODW-879912",
		Status:        AddressVerificationRejected,
		RejectReasons: []string{"Address cannot be validated", "Proof of address should be not older than of 6 months"},
		RejectComment: "The utility bill is from 2024.", CallbackURL: "https://example.com/cb", CallbackMethod: CallbackPOST,
		CreatedAt: time.Date(2026, 4, 16, 12, 0, 0, 0, time.UTC),
		Address:   &Address{ID: "bf69bc70-e1c2-442c-9f30-335ee299b663"},
		DIDs:      []*DID{{ID: "a9d64c02-4486-4acb-a9a1-be4c81ff0659"}},
	}, v, "a capitalised status of older versions reads as the documented value")
}

func TestAddressVerificationStatusKeepsUnknown(t *testing.T) {
	t.Parallel()
	var s AddressVerificationStatus
	require.NoError(t, s.UnmarshalJSON([]byte(`"on_hold"`)))
	assert.Equal(t, AddressVerificationStatus("on_hold"), s)
	require.NoError(t, s.UnmarshalJSON([]byte(`"APPROVED"`)))
	assert.Equal(t, AddressVerificationApproved, s)
}

func TestAddressVerificationsListQueryAndDecode(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("GET", testBaseURL+"/address_verifications",
		rec.wrap(jsonAPI(200, fixture(t, "address_verifications/list_pending.json"))))
	page, err := c.AddressVerifications.List(t.Context(), &AddressVerificationListOptions{
		AddressID: "a1", IdentityID: "i1", ReferenceIn: []string{"ODW-1", "ODW-2"}, Status: AddressVerificationPending,
		Include: []string{"dids.did_group"}, Sort: []string{"-created_at"},
	})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Baddress.id%5D=a1&filter%5Baddress.identity.id%5D=i1&filter%5Breference_in%5D=ODW-1%2CODW-2"+
		"&filter%5Bstatus%5D=pending&include=dids.did_group&sort=-created_at", rec.only(t).RawQuery)
	require.Len(t, page.Items, 1)
	v := page.Items[0]
	assert.Equal(t, AddressVerificationPending, v.Status)
	assert.Nil(t, v.RejectReasons)
	assert.Equal(t, "Customer support line", v.ServiceDescription)
	assert.Equal(t, "crm-7", v.ExternalReferenceID)
	assert.Equal(t, CallbackMethod(""), v.CallbackMethod)

	_, err = c.AddressVerifications.List(t.Context(), &AddressVerificationListOptions{Sort: []string{"status"}})
	assert.True(t, errors.Is(err, ErrInvalidRequest))
}

func TestAddressVerificationsCreateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("POST", testBaseURL+"/address_verifications",
		rec.wrap(jsonAPI(201, fixture(t, "address_verifications/show_rejected.json"))))
	_, err := c.AddressVerifications.Create(t.Context(), &AddressVerificationCreateRequest{
		AddressID: "a1", DIDIDs: []string{"d1", "d2"}, OnetimeFileIDs: []string{"f1"}, ServiceDescription: "support",
		CallbackURL: "https://example.com/cb", CallbackMethod: "POST", ExternalReferenceID: "x",
	})
	require.NoError(t, err)
	assertStandardHeaders(t, rec.reqs[0])
	assert.Equal(t, `{"data":{"type":"address_verifications","attributes":{"service_description":"support",`+
		`"callback_url":"https://example.com/cb","callback_method":"post","external_reference_id":"x"},"relationships":{`+
		`"address":{"data":{"type":"addresses","id":"a1"}},"dids":{"data":[{"type":"dids","id":"d1"},{"type":"dids","id":"d2"}]},`+
		`"onetime_files":{"data":[{"type":"encrypted_files","id":"f1"}]}}}}`, string(rec.reqs[0].Body))

	_, err = c.AddressVerifications.Create(t.Context(), &AddressVerificationCreateRequest{AddressID: "a1", DIDIDs: []string{"d1"}})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"type":"address_verifications","relationships":{"address":{"data":{"type":"addresses","id":"a1"}},`+
		`"dids":{"data":[{"type":"dids","id":"d1"}]}}}}`, string(rec.reqs[1].Body))

	for name, req := range map[string]*AddressVerificationCreateRequest{
		"request":         nil,
		"address":         {DIDIDs: []string{"d1"}},
		"dids":            {AddressID: "a1"},
		"callback_method": {AddressID: "a1", DIDIDs: []string{"d1"}, CallbackMethod: CallbackGET},
		"callback_url":    {AddressID: "a1", DIDIDs: []string{"d1"}, CallbackURL: "ftp://x", CallbackMethod: CallbackGET},
	} {
		_, err := c.AddressVerifications.Create(t.Context(), req)
		require.True(t, errors.Is(err, ErrInvalidRequest), name)
		assert.Contains(t, err.Error(), name)
	}
	assert.Len(t, rec.reqs, 2, "invalid requests are not sent")
}

func TestAddressVerificationsUpdateBody(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("PATCH", testBaseURL+"/address_verifications/v1",
		rec.wrap(jsonAPI(200, fixture(t, "address_verifications/show_rejected.json"))))
	_, err := c.AddressVerifications.Update(t.Context(), "v1", &AddressVerificationUpdateRequest{ExternalReferenceID: Value("crm-8")})
	require.NoError(t, err)
	r := rec.only(t)
	assert.Equal(t, "PATCH", r.Method)
	assert.Equal(t, `{"data":{"id":"v1","type":"address_verifications","attributes":{"external_reference_id":"crm-8"}}}`, string(r.Body))
	_, err = c.AddressVerifications.Update(t.Context(), "v1", nil)
	assert.True(t, errors.Is(err, ErrInvalidRequest))
}

func TestPermanentSupportingDocumentsCreateBodyAndDecode(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("POST", testBaseURL+"/permanent_supporting_documents",
		rec.wrap(jsonAPI(201, fixture(t, "permanent_supporting_documents/create.json"))))
	d, err := c.PermanentSupportingDocuments.Create(t.Context(), &PermanentSupportingDocumentCreateRequest{
		TemplateID: "t1", IdentityID: "i1", FileIDs: []string{"f1"},
	})
	require.NoError(t, err)
	assert.Equal(t, &PermanentSupportingDocument{
		ID: "19510da3-c07e-4fa9-a696-6b9ab89cc172", CreatedAt: time.Date(2026, 4, 16, 11, 20, 0, 0, time.UTC),
		Template: &SupportingDocumentTemplate{ID: "4199435f-646e-4e9d-a143-8f3b972b10c5", Name: "Germany Special Registration Form",
			Permanent: true, URL: "https://dash.didww.com/templates/de.pdf"},
		Identity: &Identity{ID: "5e9df058-50d2-4e34-b0d4-d1746b86f41a"},
	}, d)
	r := rec.only(t)
	assertStandardHeaders(t, r)
	assert.Equal(t, `{"data":{"type":"permanent_supporting_documents","relationships":{`+
		`"template":{"data":{"type":"supporting_document_templates","id":"t1"}},"identity":{"data":{"type":"identities","id":"i1"}},`+
		`"files":{"data":[{"type":"encrypted_files","id":"f1"}]}}}}`, string(r.Body))

	for name, req := range map[string]*PermanentSupportingDocumentCreateRequest{
		"template": {IdentityID: "i1", FileIDs: []string{"f1"}},
		"identity": {TemplateID: "t1", FileIDs: []string{"f1"}},
		"files":    {TemplateID: "t1", IdentityID: "i1"},
	} {
		_, err := c.PermanentSupportingDocuments.Create(t.Context(), req)
		require.True(t, errors.Is(err, ErrInvalidRequest), name)
		assert.Contains(t, err.Error(), name)
	}
}

func TestPermanentSupportingDocumentsUpdateListDelete(t *testing.T) {
	t.Parallel()
	c, mt := newTestClient(t)
	var rec recorder
	mt.RegisterResponder("PATCH", testBaseURL+"/permanent_supporting_documents/p1",
		rec.wrap(jsonAPI(200, fixture(t, "permanent_supporting_documents/create.json"))))
	mt.RegisterResponder("GET", testBaseURL+"/permanent_supporting_documents",
		rec.wrap(jsonAPI(200, []byte(`{"data":[],"meta":{"total_records":0}}`))))
	mt.RegisterResponder("DELETE", testBaseURL+"/permanent_supporting_documents/p1", rec.wrap(jsonAPI(204, nil)))
	_, err := c.PermanentSupportingDocuments.Update(t.Context(), "p1", &PermanentSupportingDocumentUpdateRequest{
		ExternalReferenceID: Value("r"), FileIDs: []string{"f2"},
	})
	require.NoError(t, err)
	assert.Equal(t, `{"data":{"id":"p1","type":"permanent_supporting_documents","attributes":{"external_reference_id":"r"},`+
		`"relationships":{"files":{"data":[{"type":"encrypted_files","id":"f2"}]}}}}`, string(rec.reqs[0].Body))
	_, err = c.PermanentSupportingDocuments.List(t.Context(), &PermanentSupportingDocumentListOptions{
		ExternalReferenceID: "r", Include: []string{"template", "identity"}, Sort: []string{"created_at"},
	})
	require.NoError(t, err)
	assert.Equal(t, "filter%5Bexternal_reference_id%5D=r&include=template%2Cidentity&sort=created_at", rec.reqs[1].RawQuery)
	require.NoError(t, c.PermanentSupportingDocuments.Delete(t.Context(), "p1"))
	assert.Equal(t, "DELETE", rec.reqs[2].Method)
	assert.Equal(t, "/v3/permanent_supporting_documents/p1", rec.reqs[2].Path)
	_, err = c.PermanentSupportingDocuments.Update(t.Context(), "p1", &PermanentSupportingDocumentUpdateRequest{})
	assert.True(t, errors.Is(err, ErrInvalidRequest))
}
