package didww

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// SenderIDVerificationsService reads the account's sender ID verifications
// (API version 2026-11-19 on) and changes their name or SMS trunk. The API
// has no create or delete: verifications are requested, resubmitted and
// cancelled in the DIDWW User Panel. Under older API versions every call is
// refused before sending with an error wrapping ErrInvalidRequest.
type SenderIDVerificationsService service

// SenderIDVerificationStatus is the lifecycle state of a verification.
// Unknown values are kept.
type SenderIDVerificationStatus string

// Verification statuses the API documents. A closed verification cannot be
// updated.
const (
	SenderIDVerificationNew              SenderIDVerificationStatus = "new"
	SenderIDVerificationInProcess        SenderIDVerificationStatus = "in_process"
	SenderIDVerificationChangesRequired  SenderIDVerificationStatus = "changes_required"
	SenderIDVerificationActive           SenderIDVerificationStatus = "active"
	SenderIDVerificationClosingInProcess SenderIDVerificationStatus = "closing_in_process"
	SenderIDVerificationClosed           SenderIDVerificationStatus = "closed"
)

// SenderType is the kind of sender a verification covers. Unknown values
// are kept.
type SenderType string

// Sender types the API documents.
const (
	SenderTypeAlphanumeric SenderType = "alphanumeric"
	SenderTypeCarrier      SenderType = "carrier"
	SenderTypeLongCode     SenderType = "long_code"
	SenderTypeShortCode    SenderType = "short_code"
	SenderTypeTollFree     SenderType = "toll_free"
)

// SenderIDVerification is a verification of the sender identities outbound
// SMS may use, and the SMS trunk those messages are routed through.
type SenderIDVerification struct {
	ID         string                     `didww:"primary,sender_id_verifications"`
	Name       string                     `didww:"attr,name,required"`
	Status     SenderIDVerificationStatus `didww:"attr,status,required"`
	SenderType SenderType                 `didww:"attr,sender_type,required"`
	// SenderIDs are the sender IDs covered; for long_code and toll_free
	// verifications, the numbers of its DIDs.
	SenderIDs []string `didww:"attr,sender_ids,required"`
	// Reference is DIDWW's, such as "SID-1234".
	Reference string `didww:"attr,reference,required"`
	// RejectReasons and RejectComment say why the last submission was
	// rejected; empty unless Status is changes_required (the API sends null).
	RejectReasons []string `didww:"attr,reject_reasons"`
	RejectComment string   `didww:"attr,reject_comment"`
	// RenewDate is the next renewal, "YYYY-MM-DD"; empty once closed.
	RenewDate string    `didww:"attr,renew_date"`
	CreatedAt time.Time `didww:"attr,created_at,required"`
	// ActivatedAt and ClosedAt are nil until it is activated or closed.
	ActivatedAt *time.Time `didww:"attr,activated_at"`
	ClosedAt    *time.Time `didww:"attr,closed_at"`

	// Relationships: filled when included, ID-only when only linkage came.
	// SMSTrunk is nil when no trunk is assigned: outbound messages stop.
	SMSTrunk  *SMSTrunk  `didww:"rel,sms_trunk"`
	Countries []*Country `didww:"rel,countries"`
	DIDs      []*DID     `didww:"rel,dids"`
	// Order is the order that charged for the verification.
	Order    *Order    `didww:"rel,order"`
	Identity *Identity `didww:"rel,identity"`
	Address  *Address  `didww:"rel,address"`
}

// SenderIDVerificationListOptions filters GET /sender_id_verifications,
// which is paginated (50 a page by default, 100 at most).
type SenderIDVerificationListOptions struct {
	ListOptions
	// ID is filter[id], any of these ids.
	ID []string
	// Name is filter[name].
	Name string
	// Reference is filter[reference], such as "SID-1234".
	Reference  string
	Status     SenderIDVerificationStatus
	SenderType SenderType
	// SMSTrunkID is filter[sms_trunk.id], any of these trunks.
	SMSTrunkID []string
	// Include: "sms_trunk", "countries", "dids", "order", "identity",
	// "address".
	Include []string
	// Sort: "name", "status", "created_at", "renew_date" (a leading "-"
	// for descending).
	Sort []string
	// Extra is merged into the query last, unchecked, for parameters not
	// typed here.
	Extra url.Values
}

// senderIDOptions are the names sender ID verification requests may use;
// the type itself arrives in 2026-11-19 (versionedTypes).
var senderIDOptions = &optionSet{
	typ:      "sender_id_verifications",
	includes: []string{"sms_trunk", "countries", "dids", "order", "identity", "address"},
	sorts:    []string{"name", "status", "created_at", "renew_date"},
}

// senderIDsArrive is why API versions before 2026-11-19 refuse the type.
const senderIDsArrive = "sender ID verifications arrive in API version 2026-11-19 (WithAPIVersion(APIVersion20261119))"

func (o *SenderIDVerificationListOptions) query() (url.Values, error) {
	return o.queryFor(DefaultAPIVersion)
}

// queryFor builds the query as API version reads it; a version without
// sender ID verifications refuses it whatever it holds.
func (o *SenderIDVerificationListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(senderIDOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("name", o.Name)
		q.filter("reference", o.Reference)
		q.filter("status", string(o.Status))
		q.filter("sender_type", string(o.SenderType))
		q.filterList("sms_trunk.id", o.SMSTrunkID)
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's sender ID verifications. Invalid
// options, and any call under an API version before 2026-11-19, are an
// error wrapping ErrInvalidRequest, and nothing is sent.
func (s *SenderIDVerificationsService) List(ctx context.Context, opts *SenderIDVerificationListOptions) (*Page[SenderIDVerification], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[SenderIDVerification](ctx, s.client, "/sender_id_verifications", q)
}

// All yields every sender ID verification matching opts, page after page
// from opts' page on. It yields an error once and stops; opts is not
// modified.
func (s *SenderIDVerificationsService) All(ctx context.Context, opts *SenderIDVerificationListOptions) iter.Seq2[*SenderIDVerification, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one sender ID verification; opts may include the names
// SenderIDVerificationListOptions.Include lists. It refuses before sending
// as List does.
func (s *SenderIDVerificationsService) Get(ctx context.Context, id string, opts *GetOptions) (*SenderIDVerification, error) {
	v, _, err := getIn[SenderIDVerification](ctx, s.client, "sender_id_verifications", id, opts, senderIDOptions)
	return v, err
}

// SenderIDVerificationUpdateRequest is the body of PATCH
// /sender_id_verifications/{id}: the name and the SMS trunk are all the API
// lets change, each sent only when set.
type SenderIDVerificationUpdateRequest struct {
	// Name renames the verification; it cannot be blank.
	Name *string
	// SMSTrunkID Value assigns that trunk (http_out, smpp_smsc or
	// smpp_esme only); Null unassigns it, and outbound messages stop until
	// a trunk is assigned again.
	SMSTrunkID Nullable[string]
}

type senderIDUpdateAttributes struct {
	Name *string `json:"name,omitempty"`
}

type senderIDUpdateRelationships struct {
	SMSTrunk *linkage `json:"sms_trunk,omitempty"`
}

// body checks the request and encodes the PATCH of verification id.
func (req *SenderIDVerificationUpdateRequest) body(id string) ([]byte, error) {
	if req == nil {
		return nil, invalid("request", "is nil")
	}
	if req.Name != nil && strings.TrimSpace(*req.Name) == "" {
		return nil, invalid("name", "is blank; a verification keeps a name")
	}
	if err := checkLinkID("sms_trunk", req.SMSTrunkID); err != nil {
		return nil, err
	}
	rels := &senderIDUpdateRelationships{SMSTrunk: nullableLinkage("sms_trunks", req.SMSTrunkID)}
	return updateBody("sender_id_verifications", id, senderIDUpdateAttributes{Name: req.Name}, rels, req.SMSTrunkID.IsZero())
}

// Update changes the verification's name or SMS trunk and returns it as the
// API answers. A request refused before sending (a blank name, nothing to
// change, an API version before 2026-11-19) wraps ErrInvalidRequest; the
// API's refusal is an *APIError: 422 (ErrValidation) for a closed
// verification, a trunk of a kind that cannot send, or a trunk on which
// another verification already uses one of its sender IDs.
func (s *SenderIDVerificationsService) Update(ctx context.Context, id string, req *SenderIDVerificationUpdateRequest) (*SenderIDVerification, error) {
	if _, err := newQueryFor(senderIDOptions, s.client.cfg.apiVersion).values(); err != nil {
		return nil, err
	}
	path, err := pathFor("sender_id_verifications", id)
	if err != nil {
		return nil, err
	}
	body, err := req.body(id)
	if err != nil {
		return nil, err
	}
	return writeOne[SenderIDVerification](ctx, s.client, &request{method: http.MethodPatch, path: path, body: body}, noMark)
}
