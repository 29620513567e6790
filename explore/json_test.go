package explore

import (
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

// TestJSONEqualsEncoder: the hand-written JSON is byte for byte what
// cli.WriteJSON (encoding/json) writes, for results filled at random
// through reflection, so that a field added to any of the types and not
// to the writer fails here: every field set or left empty, lists nil,
// empty or full, strings of every kind, numbers of every size.
func TestJSONEqualsEncoder(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for n := range 300 {
		var res Result
		fillRandom(reflect.ValueOf(&res).Elem(), r)
		var got, want bytes.Buffer
		if err := WriteJSON(&got, &res); err != nil {
			t.Fatal(err)
		}
		if err := cli.WriteJSON(&want, &res); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("result %d:\ngot  %s\nwant %s", n, got.String(), want.String())
		}
	}
	// A number JSON cannot hold is refused as encoding/json refuses it.
	bad := &Result{Weight: math.NaN()}
	if err := WriteJSON(&bytes.Buffer{}, bad); err == nil {
		t.Fatal("NaN written")
	}
}

// fillRandom sets v (and every field, element and element's field below
// it) to a random value, often the zero one.
func fillRandom(v reflect.Value, r *rand.Rand) {
	pieces := []string{"a", "é", "日本", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", " ", "\U0001F600", "path/to/file.go"}
	floats := []float64{0, 1, -1, 0.5, 2.25, 1e-7, -3e-9, 1e21, 1.5e300, 123.456, 0.1 + 0.2, 1e20, 999999.5, math.SmallestNonzeroFloat64}
	switch v.Kind() {
	case reflect.String:
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		v.SetString(b.String())
	case reflect.Int, reflect.Int64, reflect.Int32:
		if r.IntN(3) > 0 {
			v.SetInt(r.Int64N(1<<40) - 1<<20)
		}
	case reflect.Float64, reflect.Float32:
		v.SetFloat(floats[r.IntN(len(floats))])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Slice:
		switch r.IntN(3) {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), 1+r.IntN(3), 3)
			for i := range s.Len() {
				fillRandom(s.Index(i), r)
			}
			v.Set(s)
		}
	case reflect.Array:
		for i := range v.Len() {
			fillRandom(v.Index(i), r)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillRandom(v.Field(i), r)
			}
		}
	default:
		panic("fillRandom: no case for " + v.Kind().String())
	}
}
