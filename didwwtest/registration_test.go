package didwwtest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUploadDecryptsAndIsAccepted(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now))
	pems := publicKeys(t, s.URL)
	assert.Equal(t, EncryptionFingerprint(), testFingerprint(t, pems))
	content := []byte("%PDF-1.4 a scanned passport, seventeen bytes past a block")
	ct, body := multipartUpload(t, map[string]string{"encrypted_files[encryption_fingerprint]": testFingerprint(t, pems),
		"encrypted_files[description]": "passport.pdf"}, testEncrypt(t, pems, content))
	a, hdr := postUpload(t, s.URL, http.Header{"Api-Key": {s.APIKey}, "Accept": {"application/json"}}, ct, body)
	require.Equal(t, http.StatusCreated, a.status, "%s", a.body)
	assert.Equal(t, "application/json", hdr.Get("Content-Type"))
	data, _ := a.doc["data"].(map[string]any)
	assert.Equal(t, "encrypted_files", data["type"])
	assert.Equal(t, map[string]any{"description": "passport.pdf", "expires_at": "2026-05-05T09:30:00.000Z"}, data["attributes"])
	got, ok := s.UploadedFile(idOf(a))
	require.True(t, ok)
	assert.Equal(t, content, got)

	clock.Advance(24 * time.Hour)
	wantError(t, apiCall(t, s, s.APIKey, "GET", "/encrypted_files/"+idOf(a), nil), 404, "404")
}

func TestUploadRefusesWhatDoesNotDecrypt(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	pems := publicKeys(t, s.URL)
	// 24 bytes: two AES blocks, the second ending in eight bytes of padding.
	sealed := testEncrypt(t, pems, []byte("a document of two blocks"))
	half := testEncrypt(t, pems[:1], []byte("a document")) // encrypted for key A only
	cases := map[string][]byte{
		// Flipping the first block's last byte flips the last padding
		// byte, which then never checks; a change in the last block
		// would leave valid padding once in 256 runs.
		"AES data changed":  func() []byte { b := slices.Clone(sealed); b[len(b)-17] ^= 1; return b }(),
		"RSA block changed": func() []byte { b := slices.Clone(sealed); b[10] ^= 1; return b }(),
		"truncated":         sealed[:len(sealed)-3],
		"one key only":      append(half[:256], half...),
		"not encrypted":     []byte("%PDF-1.4 plain"),
	}
	for name, file := range cases {
		ct, body := multipartUpload(t, map[string]string{"encrypted_files[encryption_fingerprint]": EncryptionFingerprint()}, file)
		a, _ := postUpload(t, s.URL, http.Header{"Api-Key": {s.APIKey}}, ct, body)
		assert.Equal(t, http.StatusUnprocessableEntity, a.status, "%s: %s", name, a.body)
		assert.Contains(t, string(a.body), `"pointer":"/data/attributes/file"`, name)
	}
	wantStatus(t, apiCall(t, s, s.APIKey, "GET", "/encrypted_files", nil), 200)
	assert.Empty(t, apiCall(t, s, s.APIKey, "GET", "/encrypted_files", nil).list(t))
}

func TestUploadRefusesAWrongFingerprint(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	pems := publicKeys(t, s.URL)
	a, b, _ := strings.Cut(testFingerprint(t, pems), ":::")
	for _, fp := range []string{b + ":::" + a, a, strings.Repeat("0", 40) + ":::" + b} {
		ct, body := multipartUpload(t, map[string]string{"encrypted_files[encryption_fingerprint]": fp}, testEncrypt(t, pems, []byte("doc")))
		got, _ := postUpload(t, s.URL, http.Header{"Api-Key": {s.APIKey}}, ct, body)
		assert.Equal(t, http.StatusUnprocessableEntity, got.status, "%s: %s", fp, got.body)
		assert.Contains(t, string(got.body), "encryption_fingerprint - is outdated")
	}
}

// registered files what the German local requirement asks of a personal
// identity with idNumber and returns the identity and address ids.
func registered(t *testing.T, s *Server, idNumber string) (identity, addr string) {
	t.Helper()
	de := uid("country/DE")
	r := apiCall(t, s, s.APIKey, "POST", "/identities", body("identities", "", map[string]any{"identity_type": "personal",
		"first_name": "Erika", "last_name": "Mustermann", "phone_number": "4924112345", "birth_date": "1980-02-03",
		"id_number": idNumber}, map[string]any{"country": one("countries", de)}))
	wantStatus(t, r, 201)
	identity = r.one(t).ID
	r = apiCall(t, s, s.APIKey, "POST", "/addresses", body("addresses", "", map[string]any{"address": "Theaterstrasse 1",
		"city_name": "Aachen", "postal_code": "52062"}, map[string]any{"identity": one("identities", identity), "country": one("countries", de)}))
	wantStatus(t, r, 201)
	addr = r.one(t).ID
	file := idOf(upload(t, s, s.APIKey, []byte("%PDF-1.4 scan")))
	for _, p := range []struct{ typ, entity, id string }{{ProofTypePassportID, "identities", identity}, {ProofTypeUtilityBillID, "addresses", addr}} {
		wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/proofs", body("proofs", "", nil, map[string]any{
			"proof_type": one("proof_types", p.typ), "entity": one(p.entity, p.id), "files": many("encrypted_files", file)})), 201)
	}
	wantStatus(t, apiCall(t, s, s.APIKey, "POST", "/permanent_supporting_documents", body("permanent_supporting_documents", "", nil,
		map[string]any{"template": one("supporting_document_templates", TemplateGermanyRegistrationID),
			"identity": one("identities", identity), "files": many("encrypted_files", file)})), 201)
	return identity, addr
}

func validationBody(identity, addr string) map[string]any {
	rels := map[string]any{"address_requirement": one("address_requirements", uid("address_requirement/DE"))}
	if identity != "" {
		rels["identity"] = one("identities", identity)
	}
	if addr != "" {
		rels["address"] = one("addresses", addr)
	}
	return body("address_requirement_validations", "", map[string]any{}, rels)
}

func TestValidationListsWhatIsMissing(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	r := apiCall(t, s, s.APIKey, "POST", "/identities", body("identities", "", map[string]any{"identity_type": "personal",
		"first_name": "A", "last_name": "B", "phone_number": "1"}, nil))
	wantStatus(t, r, 201)
	bare := r.one(t).ID
	r = apiCall(t, s, s.APIKey, "POST", "/address_requirement_validations", validationBody(bare, ""))
	wantStatus(t, r, 422)
	var got []string
	for _, e := range r.doc.Errors {
		assert.Equal(t, errorObject{Title: e.Detail, Detail: e.Detail, Code: "100", Status: "422", Source: &errorSource{Pointer: "/data"}}, e)
		got = append(got, e.Detail)
	}
	assert.Equal(t, []string{
		"Identity birth_date required", "Identity country required",
		"Following Proof(s) required for identity (Passport or Drivers License or National ID Card)",
		"Following Supporting Document(s) required (Germany Registration Form)", "Address in Germany required",
	}, got)

	identity, addr := registered(t, s, "")
	r = apiCall(t, s, s.APIKey, "POST", "/address_requirement_validations", validationBody("", addr))
	wantStatus(t, r, 201)
	assert.JSONEq(t, fmt.Sprintf(`{"data":{"id":%q,"type":"address_requirement_validations"},"meta":{"api_version":"2026-04-16"}}`,
		uid("address_requirement/DE")), string(r.body))
	r = apiCall(t, s, s.APIKey, "POST", "/address_requirement_validations", validationBody(bare, addr))
	assert.Equal(t, "address - does not belong to the identity", wantError(t, r, 422, "100").Detail)
	// A business identity is not what the German mobile requirement takes.
	r = apiCall(t, s, s.APIKey, "POST", "/address_requirement_validations", body("address_requirement_validations", "", nil,
		map[string]any{"address_requirement": one("address_requirements", uid("address_requirement/DE/Mobile")),
			"identity": one("identities", identity), "address": one("addresses", addr)}))
	wantStatus(t, r, 422)
	assert.Equal(t, "Identity id_number required", r.doc.Errors[0].Detail)
}

// gotCallback is one callback a receiver got it gets: the form and the signature.
type gotCallback struct {
	url  string
	form url.Values
	sig  string
}

func callbackReceiver(t *testing.T) (*httptest.Server, chan gotCallback) {
	got := make(chan gotCallback, 4)
	rx := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		got <- gotCallback{url: "http://" + r.Host + r.URL.RequestURI(), form: r.PostForm, sig: r.Header.Get("X-DIDWW-Signature")}
	}))
	t.Cleanup(rx.Close)
	return rx, got
}

// independentSignature is HMAC-SHA1 of the URL (with its port) and the
// sorted payload keys and values, written apart from Sign.
func independentSignature(secret, u string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	msg := u
	for _, k := range keys {
		msg += k + form.Get(k)
	}
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

// germanDID buys a German local DID and returns its id.
func germanDID(t *testing.T, s *Server, clock *Clock) string {
	t.Helper()
	sku := s.idx.groups[DIDGroupAachenID].StockKeepingUnits[0].ID
	o := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": sku, "qty": 1})))
	wantStatus(t, o, 201)
	clock.Advance(time.Second)
	dids := apiCall(t, s, s.APIKey, "GET", "/dids?filter%5Border.id%5D="+o.one(t).ID, nil).list(t)
	require.Len(t, dids, 1)
	return dids[0].ID
}

func submit(t *testing.T, s *Server, addr, did, callbackURL string) tRes {
	t.Helper()
	attrs := map[string]any{"service_description": "Support line"}
	if callbackURL != "" {
		attrs["callback_url"], attrs["callback_method"] = callbackURL, "post"
	}
	r := apiCall(t, s, s.APIKey, "POST", "/address_verifications", body("address_verifications", "", attrs,
		map[string]any{"address": one("addresses", addr), "dids": many("dids", did)}))
	wantStatus(t, r, 201)
	return r.one(t)
}

func TestVerificationIsApprovedOnTheClockWithASignedCallback(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now), WithVerificationDelay(time.Hour))
	rx, got := callbackReceiver(t)
	did := germanDID(t, s, clock)
	d := apiCall(t, s, s.APIKey, "GET", "/dids/"+did, nil).one(t)
	assert.Equal(t, true, d.Attributes["awaiting_registration"])
	_, addr := registered(t, s, "")
	v := submit(t, s, addr, did, rx.URL+"/didww")
	assert.Equal(t, "pending", v.Attributes["status"])
	assert.Nil(t, v.Attributes["reject_reasons"])

	clock.Advance(time.Hour - time.Millisecond)
	assert.Equal(t, "pending", apiCall(t, s, s.APIKey, "GET", "/address_verifications/"+v.ID, nil).one(t).Attributes["status"])
	assert.Equal(t, true, apiCall(t, s, s.APIKey, "GET", "/dids/"+did, nil).one(t).Attributes["awaiting_registration"])
	clock.Advance(time.Millisecond)
	var cb gotCallback
	select {
	case cb = <-got:
	case <-time.After(10 * time.Second):
		require.Fail(t, fmt.Sprintf("no callback: %+v", s.Callbacks()))
	}
	assert.Equal(t, url.Values{"id": {v.ID}, "type": {"address_verifications"}, "status": {"approved"}, "reject_reason": {""}}, cb.form)
	assert.Equal(t, independentSignature(s.CallbackSecret, cb.url, cb.form), cb.sig)
	av := apiCall(t, s, s.APIKey, "GET", "/address_verifications/"+v.ID+"?include=address,dids", nil).one(t)
	assert.Equal(t, "approved", av.Attributes["status"])
	assert.JSONEq(t, fmt.Sprintf(`{"type":"addresses","id":%q}`, addr), string(av.Relationships["address"].Data))
	assert.JSONEq(t, fmt.Sprintf(`[{"type":"dids","id":%q}]`, did), string(av.Relationships["dids"].Data))
	d = apiCall(t, s, s.APIKey, "GET", "/dids/"+did+"?include=address_verification", nil).one(t)
	assert.Equal(t, false, d.Attributes["awaiting_registration"])
	assert.Equal(t, false, d.Attributes["blocked"])
	assert.JSONEq(t, fmt.Sprintf(`{"type":"address_verifications","id":%q}`, v.ID), string(d.Relationships["address_verification"].Data))
}

func TestVerificationOfTheSandboxRejectIdentityCarriesReasons(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now))
	rx, got := callbackReceiver(t)
	did := germanDID(t, s, clock)
	_, addr := registered(t, s, SandboxRejectIDNumber)
	v := submit(t, s, addr, did, rx.URL+"/didww?account=7")
	clock.Advance(DefaultVerificationDelay)
	var cb gotCallback
	select {
	case cb = <-got:
	case <-time.After(10 * time.Second):
		require.Fail(t, fmt.Sprintf("no callback: %+v", s.Callbacks()))
	}
	reasons := "Address cannot be validated; Proof of address should be not older than of 6 months"
	assert.Equal(t, url.Values{"id": {v.ID}, "type": {"address_verifications"}, "status": {"rejected"}, "reject_reason": {reasons}}, cb.form)
	assert.Equal(t, independentSignature(s.CallbackSecret, cb.url, cb.form), cb.sig)
	r := apiCall(t, s, s.APIKey, "GET", "/address_verifications/"+v.ID, nil).one(t)
	assert.Equal(t, "rejected", r.Attributes["status"])
	assert.Equal(t, []any{"Address cannot be validated", "Proof of address should be not older than of 6 months"}, r.Attributes["reject_reasons"])
	assert.Equal(t, true, apiCall(t, s, s.APIKey, "GET", "/dids/"+did, nil).one(t).Attributes["awaiting_registration"])
	// A rejected verification is final; the DIDs can be sent again.
	submit(t, s, addr, did, "")
}

func TestRequirementRejectReasonsRejectVerifications(t *testing.T) {
	t.Parallel()
	cat := DefaultCatalogue()
	for i := range cat.AddressRequirements {
		cat.AddressRequirements[i].RejectReasons = []string{"Address cannot be validated"}
	}
	clock := NewClock(time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC))
	s := newTestServer(t, WithCatalogue(cat), WithClock(clock.Now))
	did := germanDID(t, s, clock)
	_, addr := registered(t, s, "")
	v := submit(t, s, addr, did, "")
	clock.Advance(DefaultVerificationDelay)
	r := apiCall(t, s, s.APIKey, "GET", "/address_verifications/"+v.ID, nil).one(t)
	assert.Equal(t, "rejected", r.Attributes["status"])
	assert.Equal(t, []any{"Address cannot be validated"}, r.Attributes["reject_reasons"])
	assert.Equal(t, "Rejected: Address cannot be validated", r.Attributes["reject_comment"])
}

func TestVerificationRefusesDIDsThatNeedNoRegistration(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC))
	s := newTestServer(t, WithClock(clock.Now))
	o := apiCall(t, s, s.APIKey, "POST", "/orders", orderBody(nil, didItem(map[string]any{"sku_id": SKULosAngelesMeteredID, "qty": 1})))
	clock.Advance(time.Second)
	us := apiCall(t, s, s.APIKey, "GET", "/dids?filter%5Border.id%5D="+o.one(t).ID, nil).list(t)
	require.Len(t, us, 1)
	assert.Equal(t, false, us[0].Attributes["awaiting_registration"])
	_, addr := registered(t, s, "")
	r := apiCall(t, s, s.APIKey, "POST", "/address_verifications", body("address_verifications", "",
		map[string]any{"service_description": "x"}, map[string]any{"address": one("addresses", addr), "dids": many("dids", us[0].ID)}))
	e := wantError(t, r, 422, "100")
	assert.Equal(t, "/data/relationships/dids/data/0", e.Source.Pointer)
	assert.Contains(t, e.Detail, "does not need registration")
}
