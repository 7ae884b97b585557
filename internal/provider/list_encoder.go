package provider

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// listEncoder writes a list attribute in Terraform's msgpack encoding
// straight from the client's items, page by page as they arrive, byte for
// byte as terraform-plugin-go would write the same value (see DESIGN.md for
// why it exists; TestListEncoder_writesWhatTerraformPluginGoWrites holds it
// to that).
//
// It is compiled from two things: the list's element type, taken from the
// schema, and the Go type of the items. Each attribute is found in the Go
// type by name (created_at is CreatedAt, chatbot_owner_user_id is
// ChatbotOwnerUserID); an attribute without a field, a field without an
// attribute, or a type the encoder cannot write is an error at compile time,
// so the schema and the items cannot drift apart unnoticed.
type listEncoder[T any] struct {
	plan  *objectPlan
	keep  []bool // by attribute, in plan order; nil keeps every attribute
	body  bytes.Buffer
	enc   *msgpack.Encoder
	count int
	// maxBytes, when more than 0, is how large the encoded list may grow:
	// add fails with a *listTooLargeError past it (list_size.go).
	maxBytes int
}

// objectPlan writes one Go struct as a Terraform object: its attributes in
// the order terraform-plugin-go writes them, which is sorted by name.
type objectPlan struct {
	names  []string
	fields []fieldPlan
}

type fieldKind int

const (
	stringField    fieldKind = iota // string: never null
	stringPtrField                  // *string: nil is null
	objectsField                    // []struct: a list of objects; nil is null
)

type fieldPlan struct {
	index  int
	kind   fieldKind
	nested *objectPlan // for objectsField
}

// compileObject plans how to write values of goType as objects of objType.
func compileObject(objType tftypes.Object, goType reflect.Type) (*objectPlan, error) {
	if goType.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is not a struct", goType)
	}
	fieldsByName := map[string]int{}
	for i := range goType.NumField() {
		if f := goType.Field(i); f.IsExported() {
			fieldsByName[attributeName(f.Name)] = i
		}
	}
	plan := &objectPlan{}
	for name := range objType.AttributeTypes {
		plan.names = append(plan.names, name)
	}
	sort.Strings(plan.names)
	for _, name := range plan.names {
		index, ok := fieldsByName[name]
		if !ok {
			return nil, fmt.Errorf("attribute %q has no field in %s", name, goType)
		}
		delete(fieldsByName, name)
		field := goType.Field(index)
		fp := fieldPlan{index: index}
		switch attrType := objType.AttributeTypes[name]; {
		case attrType.Is(tftypes.String) && field.Type.Kind() == reflect.String:
			fp.kind = stringField
		case attrType.Is(tftypes.String) && field.Type.Kind() == reflect.Pointer && field.Type.Elem().Kind() == reflect.String:
			fp.kind = stringPtrField
		case attrType.Is(tftypes.List{}) && field.Type.Kind() == reflect.Slice:
			listType, _ := attrType.(tftypes.List)
			elem, ok := listType.ElementType.(tftypes.Object)
			if !ok {
				return nil, fmt.Errorf("attribute %q is a list of %s; only lists of objects are written", name, listType.ElementType)
			}
			nested, err := compileObject(elem, field.Type.Elem())
			if err != nil {
				return nil, fmt.Errorf("in attribute %q: %w", name, err)
			}
			fp.kind, fp.nested = objectsField, nested
		default:
			return nil, fmt.Errorf("attribute %q of type %s cannot be written from field %s of type %s", name, attrType, field.Name, field.Type)
		}
		plan.fields = append(plan.fields, fp)
	}
	for name := range fieldsByName {
		return nil, fmt.Errorf("field %s of %s has no attribute %q in the schema", goType.Field(fieldsByName[name]).Name, goType, name)
	}
	return plan, nil
}

// attributeName is the attribute a Go field name stands for: CreatedAt is
// created_at, OwnerUserID is owner_user_id, ID is id.
func attributeName(field string) string {
	runes := []rune(field)
	var b strings.Builder
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 {
			prevLower := unicode.IsLower(runes[i-1])
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if prevLower || (unicode.IsUpper(runes[i-1]) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// newListEncoder compiles an encoder for lists of elemType from items of T.
// keep, when not nil, names the attributes to write; the rest are null.
func newListEncoder[T any](elemType tftypes.Object, keep map[string]bool) (*listEncoder[T], error) {
	plan, err := compileObject(elemType, reflect.TypeFor[T]())
	if err != nil {
		return nil, err
	}
	e := &listEncoder[T]{plan: plan}
	if keep != nil {
		e.keep = make([]bool, len(plan.names))
		for i, name := range plan.names {
			e.keep[i] = keep[name]
		}
	}
	e.enc = msgpack.NewEncoder(&e.body)
	return e, nil
}

// add encodes one page; restart drops what earlier pages gave.
func (e *listEncoder[T]) add(items []T, restart bool) error {
	if restart {
		e.body.Reset()
		e.count = 0
	}
	for i := range items {
		if err := e.plan.write(e.enc, reflect.ValueOf(&items[i]).Elem(), e.keep); err != nil {
			return err
		}
		if e.maxBytes > 0 && e.body.Len() > e.maxBytes {
			return &listTooLargeError{items: e.count + i + 1, bytes: e.body.Len(), limit: e.maxBytes}
		}
	}
	e.count += len(items)
	return nil
}

// list is the list the pages made.
func (e *listEncoder[T]) list() encodedList {
	return encodedList{length: e.count, elements: e.body.Bytes()}
}

// encodedList is a list in Terraform's msgpack encoding, its length apart
// from its elements: the length is known only at the end, and keeping the
// two apart lets the elements be copied once, into the response.
type encodedList struct {
	length   int
	elements []byte
}

// writeTo writes the whole list: its length, then its elements.
func (l encodedList) writeTo(out *bytes.Buffer) error {
	// The encoder writes to out directly (a bytes.Buffer is its own byte
	// writer), so the elements can follow the length as they are.
	if err := msgpack.NewEncoder(out).EncodeArrayLen(l.length); err != nil {
		return err
	}
	out.Write(l.elements)
	return nil
}

// msgpack is the whole list as one value.
func (l encodedList) msgpack() []byte {
	var out bytes.Buffer
	out.Grow(len(l.elements) + 5)
	_ = l.writeTo(&out)
	return out.Bytes()
}

func (p *objectPlan) write(enc *msgpack.Encoder, v reflect.Value, keep []bool) error {
	if err := enc.EncodeMapLen(len(p.names)); err != nil {
		return err
	}
	for i, name := range p.names {
		if err := enc.EncodeString(name); err != nil {
			return err
		}
		if keep != nil && !keep[i] {
			if err := enc.EncodeNil(); err != nil {
				return err
			}
			continue
		}
		if err := p.fields[i].write(enc, v.Field(p.fields[i].index)); err != nil {
			return err
		}
	}
	return nil
}

func (f *fieldPlan) write(enc *msgpack.Encoder, v reflect.Value) error {
	switch f.kind {
	case stringField:
		return enc.EncodeString(v.String())
	case stringPtrField:
		if v.IsNil() {
			return enc.EncodeNil()
		}
		return enc.EncodeString(v.Elem().String())
	default: // objectsField
		if v.IsNil() {
			return enc.EncodeNil()
		}
		if err := enc.EncodeArrayLen(v.Len()); err != nil {
			return err
		}
		for i := range v.Len() {
			if err := f.nested.write(enc, v.Index(i), nil); err != nil {
				return err
			}
		}
		return nil
	}
}
