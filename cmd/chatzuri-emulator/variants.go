package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// variantFlags are the flags that make the emulator answer as the live API
// may, where Chatzuri's pages disagree or leave things open: a page size
// the server cuts back, a rate limit, server errors, and the POST variant.
// The testing guide's pipeline tests run against them.
type variantFlags struct {
	maxPageSize      int
	rateLimit        string
	rateLimitHeaders bool
	resetInSeconds   bool
	failRate         float64
	failSeed         uint64
	method           string
}

// register adds the flags to fs.
func (v *variantFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&v.maxPageSize, "max-page-size", 100, "serve at most this many items a page, whatever size asks (1 or more)")
	fs.StringVar(&v.rateLimit, "rate-limit", "", "a sliding window per API key, as N/DURATION such as 100/10s: past it, 429 with Retry-After (default: no limit)")
	fs.BoolVar(&v.rateLimitHeaders, "rate-limit-headers", true, "with -rate-limit, send X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset on every answer")
	fs.BoolVar(&v.resetInSeconds, "rate-limit-reset-seconds", false, "with -rate-limit, send X-RateLimit-Reset in Unix seconds instead of milliseconds")
	fs.Float64Var(&v.failRate, "fail-rate", 0, "the fraction of API answers, from 0 to 1, that are 500 or 503, chosen from -fail-seed and the request's number")
	fs.Uint64Var(&v.failSeed, "fail-seed", 1, "with -fail-rate, the seed that picks which answers fail: the same seed fails the same requests")
	fs.StringVar(&v.method, "method", "GET", "the method the lists take: GET, POST (parameters in a JSON body, as older pages document) or none; the other is answered 405")
}

// apply checks the flags, with errors that name the flag and what it takes,
// and sets what they ask in opts. set names the flags given on the command
// line, so that a flag that only qualifies another is refused alone.
func (v *variantFlags) apply(opts *emulator.Options, set map[string]bool) error {
	if v.maxPageSize < 1 {
		return fmt.Errorf("-max-page-size is %d; it must be a whole number, 1 or more", v.maxPageSize)
	}
	opts.MaxPageSize = v.maxPageSize
	if v.rateLimit != "" {
		limit, err := emulator.ParseRateLimit(v.rateLimit)
		if err != nil {
			return fmt.Errorf("-rate-limit: %w", err)
		}
		limit.Headers, limit.ResetInSeconds = v.rateLimitHeaders, v.resetInSeconds
		opts.RateLimit = &limit
	} else {
		for _, name := range []string{"rate-limit-headers", "rate-limit-reset-seconds"} {
			if set[name] {
				return fmt.Errorf("-%s qualifies -rate-limit, which is not set; add -rate-limit N/DURATION, such as -rate-limit 100/10s", name)
			}
		}
	}
	if v.resetInSeconds && !v.rateLimitHeaders {
		return fmt.Errorf("-rate-limit-reset-seconds spells a header that -rate-limit-headers=false turns off; drop one of them")
	}
	// Written this way round, a NaN fails too.
	if !(v.failRate >= 0 && v.failRate <= 1) {
		return fmt.Errorf("-fail-rate is %v; it must be a fraction from 0 to 1, such as 0.1 for one answer in ten", v.failRate)
	}
	if v.failRate > 0 {
		opts.Faults = emulator.FaultsAtRandom(v.failSeed, v.failRate, emulator.FaultServerError, emulator.FaultServiceUnavailable)
	} else if set["fail-seed"] {
		return fmt.Errorf("-fail-seed qualifies -fail-rate, which is not set; add -fail-rate F, such as -fail-rate 0.1")
	}
	method, err := emulator.ParseMethod(v.method)
	if err != nil {
		return fmt.Errorf("-method: %w", err)
	}
	opts.Method = method
	return nil
}

// describe says which variants are on, for the start line; "" when none is.
func (v *variantFlags) describe(opts emulator.Options) string {
	var on []string
	if v.maxPageSize != 100 {
		on = append(on, fmt.Sprintf("at most %d items a page", v.maxPageSize))
	}
	if l := opts.RateLimit; l != nil {
		headers := "with rate-limit headers"
		switch {
		case !l.Headers:
			headers = "without rate-limit headers"
		case l.ResetInSeconds:
			headers += ", Reset in seconds"
		}
		on = append(on, fmt.Sprintf("rate limit %d per %s per key (%s)", l.Requests, l.Window, headers))
	}
	if v.failRate > 0 {
		on = append(on, fmt.Sprintf("%g of answers 500 or 503 (seed %d)", v.failRate, v.failSeed))
	}
	switch opts.Method {
	case emulator.MethodPOST:
		on = append(on, "lists by POST only (GET is 405)")
	case emulator.MethodNone:
		on = append(on, "405 to GET and POST")
	}
	return strings.Join(on, "; ")
}
