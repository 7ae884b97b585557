package provider

import "testing"

func TestNearest_suggestsOnlyWhatIsClose(t *testing.T) {
	t.Parallel()
	fields := []string{"chatbot_id", "chatbot_owner_user_id", "created_at", "email", "id", "name", "phone"}
	sources := []string{"API", "Chatzuri site", "Instagram", "Messenger", "Slack", "Unspecified", "WhatsApp", "Widget or Iframe"}
	for _, tc := range []struct {
		got    string
		values []string
		want   string
	}{
		{"emial", fields, "email"},
		{"Email", fields, "email"},
		{"phnoe", fields, "phone"},
		{"created", fields, ""},
		{"telephone", fields, ""},
		{"whatsapp", sources, "WhatsApp"},
		{"Slak", sources, "Slack"},
		{"Widget", sources, ""},
		{"Telegram", sources, ""},
	} {
		if got := nearest(tc.got, tc.values); got != tc.want {
			t.Errorf("nearest(%q) = %q, want %q", tc.got, got, tc.want)
		}
	}
}
