package provider

import (
	"regexp"
	"time"
)

// The one rule for the day a created_at counts on, shared by the counts
// (list_counts.go) and the utc_day function (utc_day_function.go), so that a
// configuration that groups a list by day gets the counts' days:
//
//   - a timestamp with an offset counts on its UTC day: a date, then T, t or
//     a space, then hh:mm:ss with or without fractional seconds, then Z, z,
//     +hh:mm or +hhmm (or - for either);
//   - a value that starts with a YYYY-MM-DD date and has no offset counts on
//     that date, as written: a date alone, or a date and a time without one;
//   - anything else is undated, and so is a value whose time is followed by
//     an offset in none of those forms (such as +02 or +25:00): its UTC day
//     cannot be told, and a wrong day would pass unseen where undated shows.
//
// Chatzuri documents no format for created_at; Chatbase shows RFC 3339 in
// UTC, and servers write the other forms (PostgreSQL a space, some JSON
// encoders a lower-case t or z, many +hhmm).

// offsetTimestamp is a timestamp in one of the forms with an offset.
// time.Parse takes none of t, a space, z or +hhmm in RFC 3339's layout, so
// the parts are matched here and put back together in that layout; the
// offset's hours and minutes are bounded here because time.Parse accepts
// +24:00 and +02:60.
var offsetTimestamp = regexp.MustCompile(
	`^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])([01]\d|2[0-3]):?([0-5]\d))$`)

// hasOffset is true of what follows a date when a time there is followed by
// something that may be an offset: Z, z, + or -, after spaces or not.
var hasOffset = regexp.MustCompile(`^[Tt ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:[.,]\d*)?)?\s*[Zz+-]`)

// utcDay is the day, YYYY-MM-DD, an item created at createdAt counts on,
// and false when it is undated (see above).
func utcDay(createdAt *string) (string, bool) {
	if createdAt == nil {
		return "", false
	}
	s := *createdAt
	if m := offsetTimestamp.FindStringSubmatch(s); m != nil {
		return offsetTimestampDay(m)
	}
	if len(s) < len(time.DateOnly) {
		return "", false
	}
	day, rest := s[:len(time.DateOnly)], s[len(time.DateOnly):]
	if _, err := time.Parse(time.DateOnly, day); err != nil || hasOffset.MatchString(rest) {
		return "", false
	}
	return day, true
}

// offsetTimestampDay is the UTC day of a match of offsetTimestamp.
func offsetTimestampDay(m []string) (string, bool) {
	date, hhmm, seconds, fraction, sign, offsetHours, offsetMinutes := m[1], m[2], m[3], m[4], m[5], m[6], m[7]
	// A leap second (:60) is in the same minute, so on the same day, as :59;
	// time.Parse refuses it.
	if seconds == "60" {
		seconds = "59"
	}
	offset := "Z"
	if sign != "" {
		offset = sign + offsetHours + ":" + offsetMinutes
	}
	t, err := time.Parse(time.RFC3339Nano, date+"T"+hhmm+":"+seconds+fraction+offset)
	if err != nil {
		return "", false // a date or time out of range
	}
	// Past the years a YYYY-MM-DD can write (0000-01-01T00:00:00+01:00 is
	// in year -1), the day cannot be given as one.
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return "", false
	}
	return t.UTC().Format(time.DateOnly), true
}
