package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
)

// Chatzuri's pages disagree on the method of its lists: get-leads is GET
// with agentId on the current page and POST with chatbotId on an older one;
// get-chatbots' endpoint line says POST while its examples use GET. So a
// list is asked with GET first, and a 405 is asked again, once, with the
// other method; the method that answered is remembered per path for the
// rest of the Client's life (methodMemory), so only the first page of the
// first read pays the extra round trip. A 405 to both is a *MethodError.

// methodMemory is the method each path answered, for a Client's life. Paths
// never asked, or that answered GET, have no entry: GET is the default.
type methodMemory struct {
	byPath sync.Map // path -> method
}

// of is the method to ask path with first.
func (m *methodMemory) of(path string) string {
	if v, ok := m.byPath.Load(path); ok {
		if method, ok := v.(string); ok {
			return method
		}
	}
	return http.MethodGet
}

// remember records that path answered method.
func (m *methodMemory) remember(path, method string) {
	if method == http.MethodGet {
		m.byPath.Delete(path)
		return
	}
	m.byPath.Store(path, method)
}

// otherMethod is the method a 405 to method is asked again with.
func otherMethod(method string) string {
	if method == http.MethodGet {
		return http.MethodPost
	}
	return http.MethodGet
}

// jsonBody is a POST's body: the query's parameters as one JSON object.
// The parameters also stay in the query, so a server that reads either
// finds them. Every value is a JSON string, as in the query (ids, dates,
// the comma-separated sources: every vendor page types them as strings),
// except page and size, which are JSON numbers: a server that checks the
// types of a JSON body (as Chatbase's newer API does for its paging) refuses
// "1" where it wants 1, while one that parses text (parseInt, Number) reads
// a number just as well, so a number is the spelling both accept.
func jsonBody(query url.Values) ([]byte, error) {
	body := make(map[string]any, len(query))
	for name, values := range query {
		if len(values) == 0 {
			continue
		}
		body[name] = values[0]
		if name == "page" || name == "size" {
			if n, err := strconv.Atoi(values[0]); err == nil {
				body[name] = n
			}
		}
	}
	return json.Marshal(body)
}

// MethodError is a list endpoint that answered 405 Method Not Allowed to
// both GET and POST. It is not retried: the server would answer the same.
type MethodError struct {
	// Path is the endpoint, such as "get-leads".
	Path string
}

func (e *MethodError) Error() string {
	return fmt.Sprintf("the API answered 405 Method Not Allowed to both GET and POST of %s "+
		"(the POST with the parameters in the query and in a JSON body)", e.Path)
}

// Summary implements ExplainedError.
func (e *MethodError) Summary() string {
	return "Chatzuri refused both GET and POST"
}

// Fix implements ExplainedError.
func (e *MethodError) Fix() string {
	return "Chatzuri's pages give " + e.Path + " as GET, and older ones as POST; the provider tried both. " +
		"Check that base_url points at the Chatzuri API (it ends in /api/v1): a gateway or another server answers 405 to what it does not serve. " +
		"If base_url is the Chatzuri API, the API has changed: please report it, with the provider's debug log lines (see the troubleshooting guide)."
}
