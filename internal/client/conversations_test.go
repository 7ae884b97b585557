package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// conversationArray is a JSON list with one conversation per id, with two
// messages each; ids that are all digits are sent as numbers.
func conversationArray(ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = fmt.Sprintf(`{"id":%s,"created_at":"2026-01-01T00:00:00Z","messages":[{"role":"user","content":"Hi %s"},{"role":"assistant","content":"Hello"}],"chatbot_id":"agt_1","customer":"C %s","source":"API"}`, jsonID(id), id, id)
	}
	return "[" + strings.Join(items, ",") + "]"
}

// conversationListServer serves ids as conversations in pages of the size
// asked, capped at maxSize when maxSize > 0, and empty pages past the end.
func conversationListServer(t *testing.T, ids []string, maxSize int) *recordingServer {
	t.Helper()
	return newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		size, _ := strconv.Atoi(r.URL.Query().Get("size"))
		if maxSize > 0 {
			size = min(size, maxSize)
		}
		from := min((page-1)*size, len(ids))
		to := min(from+size, len(ids))
		writeJSON(w, http.StatusOK, `{"data":`+conversationArray(ids[from:to]...)+`}`)
	})
}

// conversationNumbers is the ids 1..n as text.
func conversationNumbers(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(i + 1)
	}
	return ids
}

func conversationIDs(cs []Conversation) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func decodeConversationPage(t *testing.T, body string) []Conversation {
	t.Helper()
	cs, err := decodeConversations([]byte(body))
	if err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	return cs
}

func TestConversationsRequestIsGETToGetConversationsWithTheSharedParameters(t *testing.T) {
	srv := conversationListServer(t, nil, 0)
	c := newTestClient(t, srv.URL+"/api/v1/")
	_, err := c.ListConversations(testContext(t), ConversationsQuery{AgentID: "agt a&b", StartDate: "2026-01-05", EndDate: "2026-01-31", PageSize: 25})
	if err != nil {
		t.Fatalf("ListConversations: %v", err)
	}
	reqs := srv.Recorded()
	if len(reqs) != 1 {
		t.Fatalf("server got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodGet || r.URL.Path != "/api/v1/get-conversations" {
		t.Errorf("request = %s %s, want GET /api/v1/get-conversations", r.Method, r.URL.Path)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testAPIKey {
		t.Errorf("Authorization = %q", got)
	}
	q := mustQuery(t, r)
	want := map[string]string{"agentId": "agt a&b", "chatbotId": "agt a&b", "startDate": "2026-01-05", "endDate": "2026-01-31", "page": "1", "size": "25"}
	for k, v := range want {
		if got := q[k]; !slices.Equal(got, []string{v}) {
			t.Errorf("%s = %q, want [%q]", k, got, v)
		}
	}
	if _, ok := q["filteredSources"]; ok {
		t.Errorf("filteredSources sent without sources: %q", q["filteredSources"])
	}
	if len(q) != len(want) {
		t.Errorf("query %q has parameters beyond %v", r.URL.RawQuery, want)
	}
}

func TestConversationsFilteredSourcesAreSentCommaSeparatedInTheGivenOrder(t *testing.T) {
	srv := conversationListServer(t, nil, 0)
	c := newTestClient(t, srv.URL)
	sources := []string{"Widget or Iframe", "API", "WhatsApp"}
	if _, err := c.ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1", FilteredSources: sources}); err != nil {
		t.Fatalf("ListConversations: %v", err)
	}
	r := srv.Recorded()[0]
	if got := mustQuery(t, r)["filteredSources"]; !slices.Equal(got, []string{"Widget or Iframe,API,WhatsApp"}) {
		t.Errorf("filteredSources = %q, want one value, comma-separated", got)
	}
	// One parameter, its commas and spaces percent- and plus-encoded.
	if !strings.Contains(r.URL.RawQuery, "filteredSources=Widget+or+Iframe%2CAPI%2CWhatsApp") {
		t.Errorf("raw query %q does not carry filteredSources as one encoded value", r.URL.RawQuery)
	}
}

func TestConversationsEnvelopes(t *testing.T) {
	list := conversationArray("11", "c_12")
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"data", `{"data":` + list + `}`, []string{"11", "c_12"}},
		{"data.data", `{"data":{"data":` + list + `}}`, []string{"11", "c_12"}},
		{"data beside other keys", `{"ok":true,"data":` + list + `}`, []string{"11", "c_12"}},
		{"null list", `{"data":null}`, []string{}},
		{"null nested list", `{"data":{"data":null}}`, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := conversationIDs(decodeConversationPage(t, tc.body)); !slices.Equal(got, tc.want) {
				t.Errorf("ids = %q, want %q", got, tc.want)
			}
		})
	}
	// collectedCustomers is the leads endpoint's name: not a conversation list.
	srv := newRecordingServer(t, reply(http.StatusOK, `{"collectedCustomers":`+list+`}`))
	_, err := newTestClient(t, srv.URL).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1"})
	var respErr *ResponseError
	if !errors.As(err, &respErr) || !strings.Contains(err.Error(), `"data"`) || !strings.Contains(err.Error(), `"collectedCustomers"`) {
		t.Errorf("collectedCustomers envelope gave %v; want a *ResponseError naming the wanted and the found key", err)
	}
}

func TestConversationIDsAsNumberOrStringAreKeptDigitForDigit(t *testing.T) {
	cs := decodeConversationPage(t, `{"data":[{"id":9007199254740993},{"id":"conv_ü-1"},{"id":"42"}]}`)
	if got := conversationIDs(cs); !slices.Equal(got, []string{"9007199254740993", "conv_ü-1", "42"}) {
		t.Errorf("ids = %q", got)
	}
}

func TestConversationNullAndAbsentFieldsAreNilAndMessagesNeverNil(t *testing.T) {
	cs := decodeConversationPage(t, `{"data":[
		{"id":1,"created_at":null,"chatbot_id":null,"customer":null,"source":null,"messages":null},
		{"id":2},
		{"id":3,"messages":[]}
	]}`)
	for _, c := range cs {
		for name, f := range map[string]*string{"created_at": c.CreatedAt, "chatbot_id": c.ChatbotID, "customer": c.Customer, "source": c.Source} {
			if f != nil {
				t.Errorf("conversation %s: %s = %s, want nil", c.ID, name, str(f))
			}
		}
		if c.Messages == nil || len(c.Messages) != 0 {
			t.Errorf("conversation %s: messages = %#v, want an empty, non-nil list", c.ID, c.Messages)
		}
	}
}

func TestConversationFieldsAndMessagesAreDecodedByNameInOrder(t *testing.T) {
	content := "Ǹjẹ́ \"quoted\"\nnew line 📱 \u00e9"
	body, _ := json.Marshal(map[string]any{"data": []any{map[string]any{
		"id": "c1", "created_at": "2026-01-05T09:30:00Z", "chatbot_id": "agt_1", "customer": "王芳", "source": "Widget or Iframe",
		"messages": []any{
			map[string]any{"role": "user", "content": content},
			nil,
			map[string]any{"role": "assistant", "content": nil},
			map[string]any{"role": "assistant", "content": 42},
		},
	}}})
	c := decodeConversationPage(t, string(body))[0]
	want := Conversation{
		ID: "c1", CreatedAt: ptrTo("2026-01-05T09:30:00Z"), ChatbotID: ptrTo("agt_1"), Customer: ptrTo("王芳"), Source: ptrTo("Widget or Iframe"),
		Messages: []Message{
			{Role: ptrTo("user"), Content: ptrTo(content)},
			{}, // a null message is kept, so no turn is dropped
			{Role: ptrTo("assistant")},
			{Role: ptrTo("assistant"), Content: ptrTo("42")},
		},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("decoded\n%s\nwant\n%s", show(c), show(want))
	}
}

func show(c Conversation) string {
	b, _ := json.Marshal(c)
	return string(b)
}

func TestUnusableConversationIsAResponseErrorThatNamesTheFieldWithoutQuotingIt(t *testing.T) {
	for _, tc := range []struct{ name, item, says string }{
		{"no id", `{"customer":"` + secretValue + `"}`, `"id"`},
		{"id is an object", `{"id":{"v":"` + secretValue + `"}}`, `"id"`},
		{"messages is a string", `{"id":1,"messages":"` + secretValue + `"}`, "messages"},
		{"message is a string", `{"id":1,"messages":["` + secretValue + `"]}`, "messages"},
		{"content is an object", `{"id":1,"messages":[{"role":"user","content":{"t":"` + secretValue + `"}}]}`, "not usable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecordingServer(t, reply(http.StatusOK, `{"data":[{"id":"ok"},`+tc.item+`]}`))
			res, err := newTestClient(t, srv.URL).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1"})
			var respErr *ResponseError
			if !errors.As(err, &respErr) || res != nil {
				t.Fatalf("got %v, %v; want a *ResponseError and no result", res, err)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %q does not say %q", err, tc.says)
			}
			if strings.Contains(err.Error(), "S3CR3T") || strings.Contains(err.Error(), "lead") {
				t.Errorf("error %q quotes the value or speaks of leads", err)
			}
		})
	}
}

// The paging rules are collect's, shared with leads; these prove them once
// against conversations.
func TestConversationsListingSharesThePagingRules(t *testing.T) {
	t.Run("reads past short pages to the empty one", func(t *testing.T) {
		srv := conversationListServer(t, conversationNumbers(23), 5)
		res, err := newTestClient(t, srv.URL).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1", PageSize: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := conversationIDs(res.Items); !slices.Equal(got, conversationNumbers(23)) {
			t.Errorf("ids = %q, want 1..23", got)
		}
		if !slices.Equal(srv.Pages(), []string{"1", "2", "3", "4", "5", "6"}) {
			t.Errorf("pages = %q, want 1..6", srv.Pages())
		}
	})
	t.Run("stops when a server ignores page", func(t *testing.T) {
		srv := newRecordingServer(t, reply(http.StatusOK, `{"data":`+conversationArray("1", "2")+`}`))
		res, err := newTestClient(t, srv.URL).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != 2 || srv.Requests() != 2 {
			t.Errorf("got %d conversations in %d requests, want 2 in 2", len(res.Items), srv.Requests())
		}
	})
	t.Run("de-duplicates shifting pages by id", func(t *testing.T) {
		pages := map[string]string{"1": conversationArray("a", "b"), "2": conversationArray("b", "c"), "3": "[]"}
		srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, http.StatusOK, `{"data":`+pages[r.URL.Query().Get("page")]+`}`)
		})
		res, err := newTestClient(t, srv.URL).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1", PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := conversationIDs(res.Items); !slices.Equal(got, []string{"a", "b", "c"}) {
			t.Errorf("ids = %q, want [a b c]", got)
		}
	})
	t.Run("max conversations cuts inside a page", func(t *testing.T) {
		srv := conversationListServer(t, conversationNumbers(30), 0)
		res, err := newTestClient(t, srv.URL).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1", PageSize: 10, MaxConversations: 15})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != 15 || !res.Truncated || srv.Requests() != 2 {
			t.Errorf("got %d conversations, truncated %v, %d requests; want 15, true, 2", len(res.Items), res.Truncated, srv.Requests())
		}
	})
	t.Run("a failed page fails the listing with a PageError", func(t *testing.T) {
		srv := sequenceServer(t, reply(http.StatusOK, `{"data":`+conversationArray("1")+`}`), reply(http.StatusBadRequest, `{"message":"Invalid filteredSources"}`))
		_, err := newTestClient(t, srv.URL).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_1", FilteredSources: []string{"API"}})
		var pageErr *PageError
		var apiErr *APIError
		if !errors.As(err, &pageErr) || pageErr.Page != 2 || pageErr.Path != "get-conversations" || !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
			t.Errorf("got %v; want a 400 on page 2 of get-conversations", err)
		}
	})
}

func TestConversationsEachPageHandsOverEveryPageInOrder(t *testing.T) {
	srv := conversationListServer(t, conversationNumbers(25), 0)
	var got []string
	st, err := Each(testContext(t), newTestClient(t, srv.URL), Conversations, ConversationsQuery{AgentID: "agt_1", PageSize: 10}.query(),
		func(cs []Conversation, restart bool) error {
			if restart {
				got = got[:0]
			}
			got = append(got, conversationIDs(cs)...)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, conversationNumbers(25)) || st.Items != 25 || st.Pages != 4 {
		t.Errorf("got %q, stats %+v; want 1..25 in 4 pages", got, st)
	}
}

// emulatorConversations is what the emulator must answer for seeded: newest
// first, between start and end, from sources (all when empty), decoded the
// way the client promises (nil messages become an empty list).
func emulatorConversations(seeded []emulator.Conversation, start, end string, sources []string) []Conversation {
	ordered := slices.Clone(seeded)
	slices.SortStableFunc(ordered, func(a, b emulator.Conversation) int { return b.CreatedAt.Compare(a.CreatedAt) })
	want := []Conversation{}
	for _, c := range ordered {
		day := c.CreatedAt.Format("2006-01-02")
		source := "Unspecified"
		if c.Source != nil {
			source = *c.Source
		}
		if (start != "" && day < start) || (end != "" && day > end) || (len(sources) > 0 && !slices.Contains(sources, source)) {
			continue
		}
		messages := []Message{}
		for _, m := range c.Messages {
			messages = append(messages, Message{Role: m.Role, Content: m.Content})
		}
		want = append(want, Conversation{ID: c.ID, CreatedAt: ptrTo(c.CreatedAtText()), ChatbotID: c.ChatbotID, Customer: c.Customer, Source: c.Source, Messages: messages})
	}
	return want
}

func TestEmulatorConversationsAreReadExactlyNewestFirst(t *testing.T) {
	seeded := emulator.SeedConversations("agt_conv", 143)
	_, base := startEmulator(t, emulator.Options{MaxPageSize: 20, Conversations: map[string][]emulator.Conversation{"agt_conv": seeded}})
	res, err := emulatorClient(t, base).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_conv", PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	if want := emulatorConversations(seeded, "", "", nil); !reflect.DeepEqual(res.Items, want) {
		t.Fatalf("read %d conversations that differ from the %d seeded", len(res.Items), len(want))
	}
}

func TestEmulatorConversationSeedCoversWhatTheClientMustHandle(t *testing.T) {
	seeded := emulator.SeedConversations("agt_seed", 60)
	var numeric, text, nilMessages, emptyMessages, nilContent, nilCustomer, nilSource, omitted, nonASCII bool
	for _, c := range seeded {
		numeric = numeric || c.NumericID
		text = text || !c.NumericID
		nilMessages = nilMessages || c.Messages == nil
		emptyMessages = emptyMessages || (c.Messages != nil && len(c.Messages) == 0)
		nilCustomer = nilCustomer || c.Customer == nil
		nilSource = nilSource || c.Source == nil
		omitted = omitted || c.Omit
		for _, m := range c.Messages {
			nilContent = nilContent || m.Content == nil
			nonASCII = nonASCII || (m.Content != nil && strings.ContainsFunc(*m.Content, func(r rune) bool { return r > 127 }))
		}
	}
	for name, ok := range map[string]bool{"numeric id": numeric, "string id": text, "null messages": nilMessages, "empty messages": emptyMessages,
		"null content": nilContent, "null customer": nilCustomer, "null source": nilSource, "omitted fields": omitted, "non-ASCII text": nonASCII} {
		if !ok {
			t.Errorf("the seed has no conversation with %s", name)
		}
	}
	if !reflect.DeepEqual(seeded, emulator.SeedConversations("agt_seed", 60)) {
		t.Error("SeedConversations is not deterministic")
	}
}

func TestEmulatorConversationsFilterByDateAndSource(t *testing.T) {
	seeded := emulator.SeedConversations("agt_f", 200)
	emu, base := startEmulator(t, emulator.Options{Conversations: map[string][]emulator.Conversation{"agt_f": seeded}})
	start, end := seeded[40].CreatedAt.Format("2006-01-02"), seeded[150].CreatedAt.Format("2006-01-02")
	sources := []string{"WhatsApp", "Unspecified"}
	res, err := emulatorClient(t, base).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_f", StartDate: start, EndDate: end, FilteredSources: sources, PageSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	want := emulatorConversations(seeded, start, end, sources)
	if len(want) < 10 || len(want) > 100 {
		t.Fatalf("test premise: the filter should keep part of the conversations, keeps %d of 200", len(want))
	}
	if !reflect.DeepEqual(res.Items, want) {
		t.Fatalf("read %d conversations, want %d", len(res.Items), len(want))
	}
	for _, q := range emu.Queries() {
		if q.Get("filteredSources") != "WhatsApp,Unspecified" {
			t.Fatalf("a request carried filteredSources=%q", q.Get("filteredSources"))
		}
	}
}

func TestEmulatorConversationsRefuseWhatLeadsRefuse(t *testing.T) {
	_, base := startEmulator(t, emulator.Options{
		Leads:         map[string][]emulator.Lead{"agt_leads_only": emulator.SeedLeads("agt_leads_only", 3)},
		Conversations: map[string][]emulator.Conversation{"agt_c": emulator.SeedConversations("agt_c", 3)},
	})
	for _, tc := range []struct {
		name   string
		q      ConversationsQuery
		status int
	}{
		{"unknown agent", ConversationsQuery{AgentID: "agt_nope"}, http.StatusNotFound},
		{"bad date", ConversationsQuery{AgentID: "agt_c", StartDate: "2026-1-5"}, http.StatusBadRequest},
		{"start after end", ConversationsQuery{AgentID: "agt_c", StartDate: "2026-02-02", EndDate: "2026-02-01"}, http.StatusBadRequest},
		{"unknown source", ConversationsQuery{AgentID: "agt_c", FilteredSources: []string{"API", "Telegram"}}, http.StatusBadRequest},
		{"source in the wrong case", ConversationsQuery{AgentID: "agt_c", FilteredSources: []string{"whatsapp"}}, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := emulatorClient(t, base).ListConversations(testContext(t), tc.q)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status {
				t.Fatalf("got %v, want an APIError %d", err, tc.status)
			}
		})
	}
	t.Run("wrong key", func(t *testing.T) {
		c := newTestClient(t, base, func(cfg *Config) { cfg.APIKey = "wrong" })
		_, err := c.ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_c"})
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized {
			t.Fatalf("got %v, want a 401", err)
		}
	})
	t.Run("an agent with leads only has no conversations, and the reverse", func(t *testing.T) {
		res, err := emulatorClient(t, base).ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_leads_only"})
		if err != nil || len(res.Items) != 0 {
			t.Fatalf("got %v, %v; want no conversations", res, err)
		}
		leads, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_c"})
		if err != nil || len(leads.Items) != 0 {
			t.Fatalf("got %v, %v; want no leads", leads, err)
		}
	})
}

func TestConcurrentConversationsReadIsIdenticalToTheSequentialRead(t *testing.T) {
	seeded := emulator.SeedConversations("agt_cc", 311)
	for _, tc := range []struct {
		name string
		opts emulator.Options
		wrap func(http.Handler) http.Handler
		q    ConversationsQuery
	}{
		{"plain", emulator.Options{}, nil, ConversationsQuery{PageSize: 20}},
		{"server caps size", emulator.Options{MaxPageSize: 15}, nil, ConversationsQuery{PageSize: 40}},
		{"every third request is a 429", emulator.Options{}, func(h http.Handler) http.Handler { return every429(3, h) }, ConversationsQuery{PageSize: 25}},
		{"max inside a page, filtered", emulator.Options{}, nil, ConversationsQuery{PageSize: 10, MaxConversations: 57, FilteredSources: []string{"Widget or Iframe", "API"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.APIKey = emulatorKey
			opts.Conversations = map[string][]emulator.Conversation{"agt_cc": seeded}
			var h http.Handler = emulator.New(opts)
			if tc.wrap != nil {
				h = tc.wrap(h)
			}
			srv := newRecordingServer(t, h.ServeHTTP)
			q := tc.q
			q.AgentID = "agt_cc"
			read := func(concurrency int) *Result[Conversation] {
				c := newTestClient(t, srv.URL+"/api/v1", func(cfg *Config) {
					cfg.APIKey = emulatorKey
					cfg.MaxConcurrentRequests = concurrency
					cfg.MaxRetries = 8
				})
				res, err := c.ListConversations(testContext(t), q)
				if err != nil {
					t.Fatalf("concurrency %d: %v", concurrency, err)
				}
				return res
			}
			sequential, concurrent := read(1), read(8)
			if len(sequential.Items) == 0 || !reflect.DeepEqual(sequential.Items, concurrent.Items) {
				t.Fatalf("concurrent read (%d) differs from the sequential read (%d)", len(concurrent.Items), len(sequential.Items))
			}
			if sequential.Truncated != concurrent.Truncated || sequential.Pages != concurrent.Pages {
				t.Errorf("stats differ: sequential %+v, concurrent %+v", sequential.Stats, concurrent.Stats)
			}
		})
	}
}
