package emulator

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Fault is a misbehaviour the emulator serves in place of an answer, as a
// real API, its proxies and networks sometimes do.
type Fault int

const (
	// NoFault answers normally.
	NoFault Fault = iota
	// FaultResetMidBody sends the headers and part of the body, then closes
	// the connection.
	FaultResetMidBody
	// FaultTruncatedJSON sends a complete response whose JSON stops halfway.
	FaultTruncatedJSON
	// FaultHTMLBadGateway answers 502 with an HTML page, as a proxy does.
	FaultHTMLBadGateway
	// FaultEmptyBody answers 202 with no body.
	FaultEmptyBody
	// FaultWrongShape answers 202 with JSON of another shape.
	FaultWrongShape
	// FaultTooManyRequests answers 429 with Options.RetryAfter.
	FaultTooManyRequests
	// FaultServerError answers 500.
	FaultServerError
	// FaultSlowLoris sends the headers, then the body a byte a second.
	FaultSlowLoris
	// FaultHugeBody sends a 202 body far larger than any page could be.
	FaultHugeBody
	// FaultServiceUnavailable answers 503.
	FaultServiceUnavailable
)

// FaultPlan picks the fault for the n-th request the server receives
// (1-based). It must be safe for concurrent use.
type FaultPlan func(n int) Fault

// FaultAlways injects f into every request.
func FaultAlways(f Fault) FaultPlan { return func(int) Fault { return f } }

// FaultOnRequests injects f into the listed requests only.
func FaultOnRequests(f Fault, requests ...int) FaultPlan {
	return func(n int) Fault {
		if slices.Contains(requests, n) {
			return f
		}
		return NoFault
	}
}

// FaultsAtRandom injects one of faults into a share rate of requests,
// chosen from seed and the request's number alone, so a run is repeatable
// whatever order concurrent requests arrive in.
func FaultsAtRandom(seed uint64, rate float64, faults ...Fault) FaultPlan {
	return func(n int) Fault {
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		if rng.Float64() >= rate || len(faults) == 0 {
			return NoFault
		}
		return faults[rng.IntN(len(faults))]
	}
}

// hugeBodyBytes is past the client's 32 MiB bound on a page.
const hugeBodyBytes = 40 << 20

func (s *Server) inject(w http.ResponseWriter, r *http.Request, f Fault) {
	switch f {
	case FaultResetMidBody:
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n" + `{"data":[{"id":1,"na`)
		_ = buf.Flush()
		_ = conn.Close()
	case FaultTruncatedJSON:
		writeRaw(w, s.opts.SuccessStatus, "application/json", `{"data":[{"id":1,"name":"Zo`)
	case FaultHTMLBadGateway:
		writeRaw(w, http.StatusBadGateway, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>")
	case FaultEmptyBody:
		writeRaw(w, s.opts.SuccessStatus, "application/json", "")
	case FaultWrongShape:
		writeRaw(w, s.opts.SuccessStatus, "application/json", `{"items":[],"total":0}`)
	case FaultTooManyRequests:
		retryAfter := s.opts.RetryAfter
		if retryAfter == "" {
			retryAfter = "1"
		}
		w.Header().Set("Retry-After", retryAfter)
		writeError(w, http.StatusTooManyRequests, "Too many requests")
	case FaultServerError:
		writeError(w, http.StatusInternalServerError, "Internal server error")
	case FaultServiceUnavailable:
		writeError(w, http.StatusServiceUnavailable, "Service unavailable")
	case FaultSlowLoris:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1024")
		w.WriteHeader(s.opts.SuccessStatus)
		rc := http.NewResponseController(w)
		for i := 0; i < 300; i++ { // at most 5 minutes
			if _, err := w.Write([]byte(" ")); err != nil || rc.Flush() != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	case FaultHugeBody:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(s.opts.SuccessStatus)
		if _, err := w.Write([]byte(`{"data":[`)); err != nil {
			return
		}
		chunk := []byte(strings.Repeat(" ", 1<<20))
		for written := 0; written < hugeBodyBytes; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client stopped reading
			}
		}
		_, _ = w.Write([]byte("]}"))
	}
}

func writeRaw(w http.ResponseWriter, status int, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body)) // the client may be gone; nobody to tell
}
