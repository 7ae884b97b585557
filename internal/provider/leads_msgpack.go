package provider

import (
	"bytes"
	"sort"

	"github.com/vmihailenco/msgpack/v5"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// leadKeys are the attribute names of a lead in the order terraform-plugin-go
// writes an object's attributes: sorted.
var leadKeys = func() []string {
	keys := make([]string, 0, len(leadAttrTypes))
	for k := range leadAttrTypes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}()

// leadsEncoder writes the leads list in Terraform's msgpack encoding, page by
// page as pages arrive, exactly as terraform-plugin-go would encode the same
// list of objects of strings (TestLeadsEncoderMatchesTerraformPluginGo).
type leadsEncoder struct {
	body  bytes.Buffer
	enc   *msgpack.Encoder
	count int
}

func newLeadsEncoder() *leadsEncoder {
	e := &leadsEncoder{}
	e.enc = msgpack.NewEncoder(&e.body)
	return e
}

// add encodes one page; restart drops what earlier pages gave.
func (e *leadsEncoder) add(leads []client.Lead, restart bool) error {
	if restart {
		e.body.Reset()
		e.count = 0
	}
	for i := range leads {
		if err := e.encodeLead(&leads[i]); err != nil {
			return err
		}
	}
	e.count += len(leads)
	return nil
}

func (e *leadsEncoder) encodeLead(l *client.Lead) error {
	if err := e.enc.EncodeMapLen(len(leadKeys)); err != nil {
		return err
	}
	for _, k := range leadKeys {
		if err := e.enc.EncodeString(k); err != nil {
			return err
		}
		var v *string
		switch k {
		case "id":
			v = &l.ID
		case "created_at":
			v = l.CreatedAt
		case "chatbot_owner_user_id":
			v = l.ChatbotOwnerUserID
		case "chatbot_id":
			v = l.ChatbotID
		case "phone":
			v = l.Phone
		case "email":
			v = l.Email
		case "name":
			v = l.Name
		}
		var err error
		if v == nil {
			err = e.enc.EncodeNil()
		} else {
			err = e.enc.EncodeString(*v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
