package emulator

import (
	"bytes"
	"encoding/json"
)

// field is one string field of an item: nil is sent as null, or left out.
type field struct {
	key string
	v   *string
}

// appendFields writes "key":value pairs, nil as null or, with omit, not at
// all; comma says whether a pair already precedes them.
func appendFields(buf *bytes.Buffer, omit, comma bool, fields ...field) {
	for _, f := range fields {
		if f.v == nil && omit {
			continue
		}
		if comma {
			buf.WriteByte(',')
		}
		comma = true
		buf.WriteString(`"` + f.key + `":`)
		if f.v == nil {
			buf.WriteString("null")
		} else {
			writeString(buf, *f.v)
		}
	}
}

func writeString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s)
	buf.Write(b)
}
