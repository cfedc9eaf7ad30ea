package lint

import (
	"fmt"
	"reflect"
	"strings"
)

// OptionDoc describes one option of a rule, read from its options struct.
type OptionDoc struct {
	// Name is the key used in .medlint.yml.
	Name string
	// Type is "string", "int", "bool", "float", "list of strings", ...
	Type string
	// Default is the default value formatted as YAML.
	Default string
	// Enum lists the allowed values of an enumerated option.
	Enum []string
	// Keys lists the allowed keys of a map option (none: any key).
	Keys []string
	// Doc says what the option does.
	Doc string
	// Field is the struct field index.
	Field int
}

// Options describes the options struct returned by r.NewOptions.
func Options(r Rule) []OptionDoc {
	opts := r.NewOptions()
	if opts == nil {
		return nil
	}
	v := reflect.ValueOf(opts).Elem()
	t := v.Type()
	var out []OptionDoc
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		od := OptionDoc{Name: name, Type: typeName(f.Type), Default: formatYAML(v.Field(i)), Doc: f.Tag.Get("doc"), Field: i}
		if e := f.Tag.Get("enum"); e != "" {
			od.Enum = strings.Split(e, ",")
		}
		if k := f.Tag.Get("keys"); k != "" {
			od.Keys = strings.Split(k, ",")
		}
		out = append(out, od)
	}
	return out
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "list of " + typeName(t.Elem()) + "s"
	case reflect.Map:
		return "map of " + typeName(t.Key()) + " to " + typeName(t.Elem())
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "integer"
	default:
		return t.Kind().String()
	}
}

// formatYAML renders a default value in flow-style YAML.
func formatYAML(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return `""`
		}
		return v.String()
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = formatYAML(v.Index(i))
			if v.Index(i).Kind() == reflect.String {
				parts[i] = fmt.Sprintf("%q", v.Index(i).String())
			}
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		if v.Len() == 0 {
			return "{}"
		}
		return fmt.Sprint(v.Interface())
	default:
		return fmt.Sprint(v.Interface())
	}
}
