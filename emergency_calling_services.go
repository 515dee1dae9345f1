package didww

import (
	"context"
	"errors"
	"iter"
	"net/url"
	"time"
)

// EmergencyCallingServicesService reads and cancels emergency calling
// services. A service is created by an emergency verification
// (EmergencyVerifications.Create with DIDIDs), not here.
type EmergencyCallingServicesService service

// EmergencyCallingServiceStatus is the state of a service. Unknown values are kept.
type EmergencyCallingServiceStatus string

// Service statuses the API documents.
const (
	EmergencyServiceNew             EmergencyCallingServiceStatus = "new"
	EmergencyServiceInProcess       EmergencyCallingServiceStatus = "in_process"
	EmergencyServiceChangesRequired EmergencyCallingServiceStatus = "changes_required"
	EmergencyServiceActive          EmergencyCallingServiceStatus = "active"
	EmergencyServicePendingUpdate   EmergencyCallingServiceStatus = "pending_update"
	EmergencyServiceCanceled        EmergencyCallingServiceStatus = "canceled"
)

// EmergencyCallingService is an emergency calling subscription for DIDs of
// one country and DID group type.
type EmergencyCallingService struct {
	ID   string `didww:"primary,emergency_calling_services"`
	Name string `didww:"attr,name,required"`
	// Reference is DIDWW's, such as "ECS-1234".
	Reference string                        `didww:"attr,reference,required"`
	Status    EmergencyCallingServiceStatus `didww:"attr,status,required"`
	// ActivatedAt is nil before activation, CanceledAt before cancellation.
	ActivatedAt *time.Time `didww:"attr,activated_at"`
	CanceledAt  *time.Time `didww:"attr,canceled_at"`
	// RenewDate is a date ("2026-05-01"); empty once canceled.
	RenewDate string    `didww:"attr,renew_date"`
	CreatedAt time.Time `didww:"attr,created_at,required"`
	// SetupPrice and MonthlyPrice come from the resource's meta.
	SetupPrice   *Decimal `didww:"meta,setup_price"`
	MonthlyPrice *Decimal `didww:"meta,monthly_price"`

	// Relationships: filled when included, ID-only when only linkage came.
	// NumberType is the kind of the service's numbers, from API version
	// 2026-11-19 on (DIDGroupType before).
	NumberType NumberType `didww:"attr,number_type"`

	Country               *Country               `didww:"rel,country"`
	DIDGroupType          *DIDGroupType          `didww:"rel,did_group_type"`
	Order                 *Order                 `didww:"rel,order"`
	EmergencyRequirement  *EmergencyRequirement  `didww:"rel,emergency_requirement"`
	EmergencyVerification *EmergencyVerification `didww:"rel,emergency_verification"`
	DIDs                  []*DID                 `didww:"rel,dids"`
}

// EmergencyCallingServiceListOptions filters GET /emergency_calling_services.
type EmergencyCallingServiceListOptions struct {
	ListOptions
	// ID is filter[id], any of these ids.
	ID []string
	// AddressID, CountryID, DIDGroupTypeID and IdentityID are
	// filter[address.id] and so on; DIDGroupTypeID is refused from API
	// version 2026-11-19 on (filter by NumberType there).
	AddressID, CountryID, DIDGroupTypeID, IdentityID string
	// NumberType is filter[number_type], any of these, from API version
	// 2026-11-19 on.
	NumberType      []NumberType
	Name, Reference string
	Status          EmergencyCallingServiceStatus
	// Include: "country", "did_group_type" (refused from API version
	// 2026-11-19 on), "order", "emergency_requirement",
	// "emergency_verification", "dids".
	Include []string
	// Sort: "country.name", "created_at", "name", "renew_date", "status".
	Sort  []string
	Extra url.Values
}

// emergencyServiceOptions are the names emergency calling service requests
// may use, per API version.
var emergencyServiceOptions = &optionSet{
	typ:      "emergency_calling_services",
	includes: []string{"country", "did_group_type", "order", "emergency_requirement", "emergency_verification", "dids"},
	sorts:    []string{"country.name", "created_at", "name", "renew_date", "status"},
	versioned: map[string]span{
		"include:did_group_type":   before(APIVersion20261119, goneGroupType(`include "did_group_type"`, "read EmergencyCallingService.NumberType")),
		"filter:did_group_type.id": before(APIVersion20261119, goneGroupType("DIDGroupTypeID (filter[did_group_type.id])", "filter by number type (NumberType) instead")),
		"filter:number_type":       since(APIVersion20261119, newNumberType("NumberType (filter[number_type])", "filter by DIDGroupTypeID")),
	},
}

func (o *EmergencyCallingServiceListOptions) query() (url.Values, error) {
	return o.queryFor(DefaultAPIVersion)
}

func (o *EmergencyCallingServiceListOptions) queryFor(version string) (url.Values, error) {
	q := newQueryFor(emergencyServiceOptions, version)
	if o != nil {
		q.page(o.ListOptions)
		q.filterList("id", o.ID)
		q.filter("address.id", o.AddressID)
		q.filter("country.id", o.CountryID)
		q.filter("did_group_type.id", o.DIDGroupTypeID)
		q.filterList("number_type", strs(o.NumberType))
		q.filter("identity.id", o.IdentityID)
		q.filter("name", o.Name)
		q.filter("reference", o.Reference)
		q.filter("status", string(o.Status))
		q.includes(o.Include)
		q.sorts(o.Sort)
		q.extra(o.Extra)
	}
	return q.values()
}

// List returns one page of the account's emergency calling services.
// Invalid options, and names the client's API version refuses, are an
// error wrapping ErrInvalidRequest, and nothing is sent.
func (s *EmergencyCallingServicesService) List(ctx context.Context, opts *EmergencyCallingServiceListOptions) (*Page[EmergencyCallingService], error) {
	q, err := opts.queryFor(s.client.cfg.apiVersion)
	if err != nil {
		return nil, err
	}
	return getList[EmergencyCallingService](ctx, s.client, "/emergency_calling_services", q)
}

// All yields every emergency calling service matching opts, page after page.
func (s *EmergencyCallingServicesService) All(ctx context.Context, opts *EmergencyCallingServiceListOptions) iter.Seq2[*EmergencyCallingService, error] {
	return allOf(ctx, s.client, opts, s.List)
}

// Get returns one emergency calling service; opts may include the names
// EmergencyCallingServiceListOptions.Include lists.
func (s *EmergencyCallingServicesService) Get(ctx context.Context, id string, opts *GetOptions) (*EmergencyCallingService, error) {
	v, _, err := getIn[EmergencyCallingService](ctx, s.client, "emergency_calling_services", id, opts, emergencyServiceOptions)
	return v, err
}

// Cancel cancels a service (DELETE /emergency_calling_services/{id}): its
// status becomes canceled and it is not renewed. When an attempt whose
// answer was lost is retried and the retry is refused, Cancel reads the
// service: canceled means the first attempt did it, and Cancel succeeds. An
// error that leaves open whether it was canceled matches ErrOutcomeUnknown.
func (s *EmergencyCallingServicesService) Cancel(ctx context.Context, id string) error {
	path, err := pathFor("emergency_calling_services", id)
	if err != nil {
		return err
	}
	maybeDone, err := sendDelete(ctx, s.client, path)
	var apiErr *APIError
	if !maybeDone || !errors.As(err, &apiErr) || apiErr.StatusCode < 400 || apiErr.StatusCode > 499 {
		return changeErr(maybeDone, err)
	}
	if v, gerr := s.Get(ctx, id, nil); gerr == nil && v.Status == EmergencyServiceCanceled {
		return nil
	}
	return changeErr(true, err)
}
