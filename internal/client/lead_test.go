package client

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func decodeLead(t *testing.T, js string) Lead {
	t.Helper()
	leads, err := decodeLeads([]byte(`{"data":[` + js + `]}`))
	if err != nil || len(leads) != 1 {
		t.Fatalf("decoding %s: %v, %d leads", js, err, len(leads))
	}
	return leads[0]
}

func TestLeadIDAsJSONNumberIsKeptDigitForDigit(t *testing.T) {
	for _, id := range []string{
		"0",
		"42",
		"9007199254740993", // 2^53 + 1: a float64 would make it ...992
		"18446744073709551615",
		"123456789012345678901234567890",
	} {
		if got := decodeLead(t, `{"id":`+id+`}`).ID; got != id {
			t.Errorf("id %s decoded as %q", id, got)
		}
	}
}

func TestLeadIDAsJSONStringIsAccepted(t *testing.T) {
	for _, id := range []string{"lead_123", "9007199254740993", "ü-7"} {
		if got := decodeLead(t, `{"id":"`+id+`"}`).ID; got != id {
			t.Errorf("id %q decoded as %q", id, got)
		}
	}
}

func TestLeadWithoutUsableIDIsAnError(t *testing.T) {
	for _, tc := range []struct{ name, js string }{
		{"missing", `{"name":"` + secretValue + `"}`},
		{"null", `{"id":null,"name":"` + secretValue + `"}`},
		{"empty string", `{"id":"","name":"` + secretValue + `"}`},
		{"boolean", `{"id":true,"name":"` + secretValue + `"}`},
		{"object", `{"id":{"v":1},"name":"` + secretValue + `"}`},
		{"array", `{"id":[1],"name":"` + secretValue + `"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := decodeLeads([]byte(`{"data":[` + tc.js + `]}`))
			if err == nil {
				t.Fatalf("decoding %s gave leads %+v, want an error", tc.js, l)
			}
			if strings.Contains(err.Error(), "S3CR3T") {
				t.Errorf("error %q quotes a lead's value", err)
			}
		})
	}
}

func TestLeadWithoutIDFailsTheListingWithAResponseError(t *testing.T) {
	srv := newRecordingServer(t, reply(http.StatusOK, `{"data":[{"id":1},{"id":null,"email":"`+secretValue+`"}]}`))
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var respErr *ResponseError
	if !errors.As(err, &respErr) {
		t.Fatalf("ListLeads = %+v, %v; want a *ResponseError", res, err)
	}
	if !strings.Contains(err.Error(), `"id"`) {
		t.Errorf("error %q does not name the missing id", err)
	}
	if strings.Contains(err.Error(), "S3CR3T") {
		t.Errorf("error %q quotes a lead's value", err)
	}
}

func TestLeadNullAndAbsentFieldsAreNil(t *testing.T) {
	for _, tc := range []struct{ name, js string }{
		{"null", `{"id":1,"created_at":null,"chatbot_owner_user_id":null,"chatbot_id":null,"phone":null,"email":null,"name":null}`},
		{"absent", `{"id":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := decodeLead(t, tc.js)
			for field, v := range map[string]*string{
				"CreatedAt": l.CreatedAt, "ChatbotOwnerUserID": l.ChatbotOwnerUserID, "ChatbotID": l.ChatbotID,
				"Phone": l.Phone, "Email": l.Email, "Name": l.Name,
			} {
				if v != nil {
					t.Errorf("%s = %q, want nil", field, *v)
				}
			}
		})
	}
}

func TestLeadFieldsAreDecodedByName(t *testing.T) {
	l := decodeLead(t, `{"id":7,"created_at":"2026-01-01T12:00:00Z","chatbot_owner_user_id":"usr_1","chatbot_id":"agt_1","phone":"+254700000001","email":"a@example.com","name":"Amina"}`)
	for field, tc := range map[string]struct {
		got  *string
		want string
	}{
		"CreatedAt":          {l.CreatedAt, "2026-01-01T12:00:00Z"},
		"ChatbotOwnerUserID": {l.ChatbotOwnerUserID, "usr_1"},
		"ChatbotID":          {l.ChatbotID, "agt_1"},
		"Phone":              {l.Phone, "+254700000001"},
		"Email":              {l.Email, "a@example.com"},
		"Name":               {l.Name, "Amina"},
	} {
		if tc.got == nil || *tc.got != tc.want {
			t.Errorf("%s = %s, want %q", field, str(tc.got), tc.want)
		}
	}
}

func TestLeadEmptyStringFieldIsKeptApartFromNull(t *testing.T) {
	l := decodeLead(t, `{"id":1,"email":""}`)
	if l.Email == nil || *l.Email != "" {
		t.Errorf("Email = %s, want \"\"", str(l.Email))
	}
}

func TestLeadNonASCIINamesSurvive(t *testing.T) {
	for _, tc := range []struct{ js, want string }{
		{`"Ngozi Adébáyọ̀"`, "Ngozi Adébáyọ̀"},
		{`"王芳"`, "王芳"},
		{`"Zoë Müller 👋"`, "Zoë Müller 👋"},
		{`"Jos\u00e9 \u00c1lvarez"`, "José Álvarez"},
	} {
		l := decodeLead(t, `{"id":1,"name":`+tc.js+`}`)
		if l.Name == nil || *l.Name != tc.want {
			t.Errorf("name %s decoded as %s, want %q", tc.js, str(l.Name), tc.want)
		}
	}
}

func TestLeadNumberInATextFieldIsKeptAsText(t *testing.T) {
	for _, tc := range []struct{ raw string }{
		{"254712345678"},
		{"9007199254740993"},
		{"2.5470e11"},
		{"-0.50"},
	} {
		l := decodeLead(t, `{"id":1,"phone":`+tc.raw+`}`)
		if l.Phone == nil || *l.Phone != tc.raw {
			t.Errorf("phone %s decoded as %s, want %q", tc.raw, str(l.Phone), tc.raw)
		}
	}
}

func TestLeadBooleanInATextFieldIsKeptAsText(t *testing.T) {
	l := decodeLead(t, `{"id":1,"name":true}`)
	if l.Name == nil || *l.Name != "true" {
		t.Errorf("name = %s, want \"true\"", str(l.Name))
	}
}

func TestLeadObjectInATextFieldIsAnError(t *testing.T) {
	l, err := decodeLeads([]byte(`{"data":[{"id":1,"email":{"address":"` + secretValue + `"}}]}`))
	if err == nil {
		t.Fatalf("decoding gave %+v, want an error", l)
	}
	if strings.Contains(err.Error(), "S3CR3T") {
		t.Errorf("error %q quotes a lead's value", err)
	}
}

func TestLeadIDPast2To53SurvivesAListing(t *testing.T) {
	srv := sequenceServer(t,
		reply(http.StatusOK, `{"data":[{"id":9007199254740993},{"id":9007199254740995}]}`),
		reply(http.StatusOK, `{"data":[]}`),
	)
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := idsOf(res.Items); len(got) != 2 || got[0] != "9007199254740993" || got[1] != "9007199254740995" {
		t.Errorf("ids = %q, want [9007199254740993 9007199254740995]", got)
	}
}
