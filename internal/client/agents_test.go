package client

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

func decodeOneAgent(t *testing.T, js string) Agent {
	t.Helper()
	agents, err := decodeAgents([]byte(`{"chatbots":[` + js + `]}`))
	if err != nil || len(agents) != 1 {
		t.Fatalf("decoding %s: %v, %d agents", js, err, len(agents))
	}
	return agents[0]
}

func TestAgentInChatzurisShape(t *testing.T) {
	a := decodeOneAgent(t, `{"chatbot_id":"agt_1","created_at":"2025-06-01T09:00:00Z","chatbot_owner_user_id":"usr_9",
		"chatbot_name":"Support (web)","phone":"+254700000000","email":"`+secretValue+`","source_text":"`+secretValue+`"}`)
	if a.ID != "agt_1" || str(a.Name) != `"Support (web)"` || str(a.CreatedAt) != `"2025-06-01T09:00:00Z"` || str(a.OwnerUserID) != `"usr_9"` {
		t.Errorf("agent = {%q %s %s %s}", a.ID, str(a.Name), str(a.CreatedAt), str(a.OwnerUserID))
	}
}

func TestAgentInChatbasesShapeHasNoOwner(t *testing.T) {
	a := decodeOneAgent(t, `{"id":"agt_1","name":"Sales","status":"active","model":"gpt-4o","instructions":"Be brief.",
		"visibility":"private","created_at":"2025-06-01T09:00:00Z","updated_at":"2025-07-01T09:00:00Z"}`)
	if a.ID != "agt_1" || str(a.Name) != `"Sales"` || str(a.CreatedAt) != `"2025-06-01T09:00:00Z"` || a.OwnerUserID != nil {
		t.Errorf("agent = {%q %s %s %s}, want Sales without an owner", a.ID, str(a.Name), str(a.CreatedAt), str(a.OwnerUserID))
	}
}

// Chatzuri's chatbot_id is what get-leads is asked with, so it wins over
// an id beside it; likewise chatbot_name over name.
func TestAgentWithBothSpellingsKeepsChatzuris(t *testing.T) {
	a := decodeOneAgent(t, `{"id":"other","chatbot_id":"agt_1","name":"Other","chatbot_name":"Support"}`)
	if a.ID != "agt_1" || str(a.Name) != `"Support"` {
		t.Errorf("agent = {%q %s}, want agt_1 named Support", a.ID, str(a.Name))
	}
	a = decodeOneAgent(t, `{"id":"agt_2","chatbot_id":null,"name":"Sales","chatbot_name":null}`)
	if a.ID != "agt_2" || str(a.Name) != `"Sales"` {
		t.Errorf("agent = {%q %s}: a null chatbot_id and chatbot_name must fall back to id and name", a.ID, str(a.Name))
	}
}

func TestAgentIDsAsNumbersAreKeptDigitForDigit(t *testing.T) {
	for _, js := range []string{`{"chatbot_id":9007199254740993}`, `{"id":9007199254740993}`, `{"chatbot_id":"9007199254740993"}`} {
		if got := decodeOneAgent(t, js).ID; got != "9007199254740993" {
			t.Errorf("%s: id = %q", js, got)
		}
	}
}

func TestAgentFieldsNullOrAbsentAreNil(t *testing.T) {
	for _, js := range []string{
		`{"chatbot_id":"agt_1"}`,
		`{"chatbot_id":"agt_1","chatbot_name":null,"name":null,"created_at":null,"chatbot_owner_user_id":null}`,
	} {
		a := decodeOneAgent(t, js)
		if a.Name != nil || a.CreatedAt != nil || a.OwnerUserID != nil {
			t.Errorf("%s: agent = {%s %s %s}, want every field but id nil", js, str(a.Name), str(a.CreatedAt), str(a.OwnerUserID))
		}
	}
}

func TestAgentsInEveryEnvelope(t *testing.T) {
	item := `{"chatbot_id":"agt_1"},{"id":2}`
	for _, body := range []string{
		`{"chatbots":[` + item + `]}`,
		`{"chatbots":{"data":[` + item + `]}}`,
		`{"data":[` + item + `]}`,
	} {
		agents, err := decodeAgents([]byte(body))
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if got := []string{agents[0].ID, agents[1].ID}; !slices.Equal(got, []string{"agt_1", "2"}) {
			t.Errorf("%s: ids = %q", body, got)
		}
	}
	for _, body := range []string{`{"chatbots":null}`, `{"chatbots":[]}`} {
		if agents, err := decodeAgents([]byte(body)); err != nil || agents == nil || len(agents) != 0 {
			t.Errorf("%s: %v, %v; want an empty page", body, agents, err)
		}
	}
	// The leads endpoint's name for its list is not a list of agents.
	if _, err := decodeAgents([]byte(`{"collectedCustomers":[` + item + `]}`)); err == nil || !strings.Contains(err.Error(), `"chatbots"`) {
		t.Errorf("collectedCustomers: err = %v, want one naming the keys wanted", err)
	}
}

func TestAgentWithoutAnIDIsAnErrorThatNamesTheFieldNotTheValues(t *testing.T) {
	for _, js := range []string{
		`{"chatbot_name":"` + secretValue + `","email":"` + secretValue + `"}`,
		`{"chatbot_id":null,"id":null,"name":"` + secretValue + `"}`,
		`{"chatbot_id":"","name":"` + secretValue + `"}`,
		`{"chatbot_id":true,"name":"` + secretValue + `"}`,
		`{"id":{"v":"` + secretValue + `"}}`,
	} {
		agents, err := decodeAgents([]byte(`{"chatbots":[{"chatbot_id":"agt_ok"},` + js + `]}`))
		if err == nil {
			t.Fatalf("decoding %s gave %+v, want an error", js, agents)
		}
		if strings.Contains(err.Error(), "S3CR3T") {
			t.Errorf("error %q quotes a value", err)
		}
		if !strings.Contains(err.Error(), "id") {
			t.Errorf("error %q does not name the id field", err)
		}
	}
	_, err := decodeAgents([]byte(`{"chatbots":[{"chatbot_id":"agt_ok"},{"name":"x"}]}`))
	if err == nil || !strings.Contains(err.Error(), `agent 2 of the page`) || !strings.Contains(err.Error(), `"chatbot_id"`) {
		t.Errorf("err = %v, want one naming agent 2 and chatbot_id", err)
	}
}

// agentsBody is {"chatbots": [...]} with one agent per id.
func agentsBody(ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = `{"chatbot_id":` + strconv.Quote(id) + `}`
	}
	return `{"chatbots":[` + strings.Join(items, ",") + `]}`
}

func readAgents(t *testing.T, c *Client) ([]string, Stats) {
	t.Helper()
	var ids []string
	st, err := Each(testContext(t), c, Agents, Query{}, func(page []Agent, restart bool) error {
		if restart {
			ids = ids[:0]
		}
		for _, a := range page {
			ids = append(ids, a.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading agents: %v", err)
	}
	return ids, st
}

// Most servers will ignore page on get-chatbots, which documents none: page
// 2 repeats page 1 and ends the read, even with read-ahead allowed.
func TestAgentsFromAServerThatIgnoresPagingTakeTwoRequests(t *testing.T) {
	srv := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, agentsBody("a", "b", "c")) })
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxConcurrentRequests = 8 })
	ids, _ := readAgents(t, c)
	if !slices.Equal(ids, []string{"a", "b", "c"}) {
		t.Errorf("ids = %q, want each agent once", ids)
	}
	if got := srv.Pages(); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("pages requested = %q, want [1 2]", got)
	}
	if size := mustQuery(t, srv.Recorded()[0]).Get("size"); size != "100" {
		t.Errorf("size = %q, want 100", size)
	}
}

func TestAgentsFromAServerThatPagesAreReadToTheEndOnePageAtATime(t *testing.T) {
	all := seq(11)
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		from := min((page-1)*4, len(all))
		writeJSON(w, http.StatusOK, agentsBody(all[from:min(from+4, len(all))]...))
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxConcurrentRequests = 8 })
	ids, st := readAgents(t, c)
	if !slices.Equal(ids, all) {
		t.Errorf("ids = %q, want %q", ids, all)
	}
	if got := srv.Pages(); !slices.Equal(got, []string{"1", "2", "3", "4"}) {
		t.Errorf("pages requested = %q, want [1 2 3 4]: no read-ahead, no page 1 again", got)
	}
	if st.Overfetched != 0 {
		t.Errorf("overfetched = %d, want 0", st.Overfetched)
	}
}

// The emulator's agents are every agent with leads or conversations, in
// both vendors' shapes, paged when asked to.
func TestAgentsFromTheEmulatorInBothShapes(t *testing.T) {
	for name, shape := range map[string]emulator.AgentShape{"Chatzuri": emulator.AgentShapeChatzuri, "Chatbase": emulator.AgentShapeChatbase} {
		t.Run(name, func(t *testing.T) {
			emu, base := startEmulator(t, emulator.Options{
				AgentShape: shape, MaxPageSize: 2,
				Leads:         map[string][]emulator.Lead{"agt_a": nil, "agt_b": emulator.SeedLeads("agt_b", 3), "agt_demo": nil},
				Conversations: map[string][]emulator.Conversation{"agt_b": nil, "agt_c": nil},
			})
			var got []Agent
			_, err := Each(testContext(t), emulatorClient(t, base), Agents, Query{}, func(page []Agent, _ bool) error {
				got = append(got, page...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 4 || emu.Requests() != 3 {
				t.Fatalf("got %d agents in %d requests, want 4 in 3 (two pages of 2, then an empty one)", len(got), emu.Requests())
			}
			for i, a := range got {
				want := emulator.SeedAgent(a.ID)
				if i > 0 && got[i-1].CreatedAt != nil && *got[i-1].CreatedAt < *a.CreatedAt {
					t.Errorf("agent %d is newer than the one before it", i+1)
				}
				if str(a.Name) != strconv.Quote(want.Name) || str(a.CreatedAt) != strconv.Quote(want.CreatedAtText()) {
					t.Errorf("agent %s = {%s %s}, want {%q %q}", a.ID, str(a.Name), str(a.CreatedAt), want.Name, want.CreatedAtText())
				}
				wantOwner := strconv.Quote(want.OwnerUserID)
				if shape == emulator.AgentShapeChatbase {
					wantOwner = "<nil>"
				}
				if str(a.OwnerUserID) != wantOwner {
					t.Errorf("agent %s owner = %s, want %s", a.ID, str(a.OwnerUserID), wantOwner)
				}
			}
			if name := emulator.SeedAgent("agt_demo").Name; name != "Support (web)" {
				t.Errorf("agt_demo is named %q", name)
			}
		})
	}
}
