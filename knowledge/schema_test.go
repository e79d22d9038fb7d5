package knowledge

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"gopkg.in/yaml.v3"
)

// The -update flag rewrites kb.schema.json and the golden files. It is
// registered here unless another test file of the package already did.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite kb.schema.json and the golden files in testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func TestSchemaFile(t *testing.T) {
	want := Schema()
	if updating() {
		if err := os.WriteFile(SchemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s does not match the Go types; run: go generate ./knowledge", SchemaFile)
	}
}

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	var s map[string]any
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	return s
}

// yamlValue turns a YAML document into the value a YAML language server
// checks against the schema (YAML 1.2: dates stay text).
func yamlValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return yamlValue(n.Content[0])
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = yamlValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, yamlValue(c))
		}
		return l
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return n.Value
		}
		return f
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	}
	return n.Value
}

// checkSchema is a small validator for the keywords Schema uses. It returns
// the problems found, as JSON paths.
func checkSchema(root, s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		def := root["definitions"].(map[string]any)[strings.TrimPrefix(ref, "#/definitions/")]
		return checkSchema(root, def.(map[string]any), v, at)
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	switch s["type"] {
	case "object":
		if _, ok := v.(map[string]any); !ok {
			fail("want an object, got %T", v)
			return errs
		}
	case "array":
		if _, ok := v.([]any); !ok {
			fail("want a list, got %T", v)
			return errs
		}
	case "string":
		if _, ok := v.(string); !ok {
			fail("want text, got %T", v)
			return errs
		}
	case "number", "integer":
		if _, ok := v.(float64); !ok {
			fail("want a number, got %T", v)
			return errs
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			fail("want true or false, got %T", v)
			return errs
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := v[r.(string)]; !ok {
				fail("missing %q", r)
			}
		}
		for k, val := range v {
			p, ok := props[k]
			if !ok {
				if s["additionalProperties"] == false {
					fail("unknown field %q", k)
				}
				continue
			}
			errs = append(errs, checkSchema(root, p.(map[string]any), val, at+"."+k)...)
		}
	case []any:
		if n, ok := s["minItems"].(float64); ok && len(v) < int(n) {
			fail("fewer than %v items", n)
		}
		if s["uniqueItems"] == true {
			seen := map[string]bool{}
			for _, item := range v {
				key := fmt.Sprint(item)
				if seen[key] {
					fail("%v twice", item)
				}
				seen[key] = true
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, item := range v {
				errs = append(errs, checkSchema(root, items, item, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case string:
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(v) {
			fail("%q does not match %s", v, p)
		}
		if n, ok := s["minLength"].(float64); ok && len(v) < int(n) {
			fail("shorter than %v", n)
		}
		if enum := asList(s["enum"]); enum != nil {
			found := false
			for _, e := range enum {
				found = found || e == v
			}
			if !found {
				fail("%q is not one of %v", v, enum)
			}
		}
	case float64:
		if m, ok := s["minimum"].(float64); ok && v < m {
			fail("%v below %v", v, m)
		}
		if m, ok := s["maximum"].(float64); ok && v > m {
			fail("%v above %v", v, m)
		}
	}
	if anyOf := asList(s["anyOf"]); anyOf != nil {
		ok := false
		for _, branch := range anyOf {
			ok = ok || len(checkSchema(root, branch.(map[string]any), v, at)) == 0
		}
		if !ok {
			fail("matches none of the alternatives")
		}
	}
	if not, ok := s["not"].(map[string]any); ok && len(checkSchema(root, not, v, at)) == 0 {
		fail("matches what is not allowed")
	}
	return errs
}

func asList(v any) []any { l, _ := v.([]any); return l }

func checkYAML(t *testing.T, schema map[string]any, text string) []string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("test YAML: %v", err)
	}
	return checkSchema(schema, schema, yamlValue(&doc), "$")
}

func TestSchemaAcceptsBuiltin(t *testing.T) {
	schema := loadSchema(t)
	names, err := fs.Glob(Builtin(), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(Builtin(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range checkYAML(t, schema, string(data)) {
			t.Errorf("%s: %s", name, e)
		}
	}
}

// minimalKB is the smallest knowledge base that loads without errors, with
// one entry of each kind and every field the schema knows.
const minimalKB = `categories:
  - id: geld
    title: {de: Geld, en: Money}
topics:
  - id: grundsicherung
    category: geld
    title: {de: Grundsicherung}
    summary: {de: Geld im Alter.}
    who: {de: Ältere Menschen.}
    unknown: {de: Nicht bekannt.}
    referral: false
    offices: [sozialamt]
    local_offices: false
    links: [{title: {de: Seite}, url: "https://www.dortmund.de/"}]
    phrasings: {de: [Geld im Alter]}
    keywords: [Rente]
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-01-05
offices:
  - id: sozialamt
    name: {de: Sozialamt}
    districts: [innenstadt-west]
    address: {street: Luisenstraße 11-13, postcode: "44137", city: Dortmund, note: {de: Eingang links}}
    phone: ["0231 50-0"]
    fax: ["0231 50-1"]
    email: [sozialamt@dortmund.de]
    web: https://www.dortmund.de/
    hours: [{days: [Mo, Di], time: "08:00-12:00"}]
    hours_note: {de: und nach Vereinbarung}
    operator: Stadt Dortmund
    languages: [Türkisch]
    audience: [frauen]
    geo: {lat: 51.51, lon: 7.46}
    unknown: {de: Fax unsicher}
    keywords: [Amt]
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-01-05
districts:
  - id: innenstadt-west
    name: Innenstadt-West
    stadtteile: [Dorstfeld]
    statistical: [City]
    colloquial: [Kreuzviertel]
    postcodes: ["44137"]
    center: {lat: 51.51, lon: 7.45}
    sources: ["https://www.dortmund.de/"]
    reviewed: 2026-01-05
synonyms:
  - words: [obdachlos, wohnungslos]
  - from: [Hartz IV]
    to: [Bürgergeld]
word_parts: [pflege]
crisis_lines:
  - id: telefonseelsorge
    name: {de: TelefonSeelsorge}
    phone: ["0800 111 0 111", "116 123"]
    hours: {de: 24 Stunden}
    web: https://www.telefonseelsorge.de
    note: {de: anonym}
    sources: ["https://www.telefonseelsorge.de"]
    reviewed: 2026-01-05
crises:
  - id: suizid
    title: {de: Suizid}
    message: {de: Sie sind nicht allein.}
    lines: [telefonseelsorge]
    topic: grundsicherung
    signals: {de: [will sterben], en: ["suicid*"]}
`

var schemaNow = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)

func loadErrors(text string) Problems {
	_, err := Load(fstest.MapFS{"kb.yaml": {Data: []byte(text)}}, Options{Now: schemaNow})
	ps, _ := err.(Problems)
	if err != nil && ps == nil {
		return Problems{{Msg: err.Error()}}
	}
	return ps.Errors()
}

// TestSchemaAgreesWithLoad removes each field of each entry in turn, and
// makes a table of common mistakes: whenever Load reports an error, the
// schema must underline something, and the other way round.
func TestSchemaAgreesWithLoad(t *testing.T) {
	schema := loadSchema(t)
	if ps := loadErrors(minimalKB); len(ps) > 0 {
		t.Fatalf("minimal knowledge base does not load:\n%v", ps)
	}
	if errs := checkYAML(t, schema, minimalKB); len(errs) > 0 {
		t.Fatalf("schema rejects the minimal knowledge base:\n%s", strings.Join(errs, "\n"))
	}

	type variant struct{ name, text string }
	var variants []variant
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(minimalKB), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		list := root.Content[i+1]
		for j, entry := range list.Content {
			if entry.Kind != yaml.MappingNode {
				continue
			}
			for k := 0; k+1 < len(entry.Content); k += 2 {
				saved := entry.Content
				entry.Content = append(append([]*yaml.Node{}, saved[:k]...), saved[k+2:]...)
				out, err := yaml.Marshal(&doc)
				if err != nil {
					t.Fatal(err)
				}
				variants = append(variants, variant{fmt.Sprintf("%s[%d] without %s", root.Content[i].Value, j, saved[k].Value), string(out)})
				entry.Content = saved
			}
		}
	}
	mistakes := []struct{ name, old, new string }{
		{"unknown field", "    referral: false", "    refferal: false"},
		{"unknown top-level list", "word_parts:", "wordparts:"},
		{"upper-case id", "id: grundsicherung", "id: Grundsicherung"},
		{"title as plain text", "title: {de: Grundsicherung}", "title: Grundsicherung"},
		{"English only", "summary: {de: Geld im Alter.}", "summary: {en: Money in old age.}"},
		{"blank German", "summary: {de: Geld im Alter.}", "summary: {de: \" \"}"},
		{"German date", "reviewed: 2026-01-05\noffices", "reviewed: 05.01.2026\noffices"},
		{"phone with letters", `"0231 50-0"`, `"ruf an"`},
		{"broken e-mail", "sozialamt@dortmund.de", "sozialamt(at)dortmund.de"},
		{"web without https", "web: https://www.dortmund.de/", "web: www.dortmund.de"},
		{"weekday in English", "[Mo, Di]", "[Mon, Di]"},
		{"time with dots", `"08:00-12:00"`, `"8.00-12.00"`},
		{"four-digit postcode", `postcode: "44137"`, `postcode: "4413"`},
		{"latitude off earth", "lat: 51.51, lon: 7.46", "lat: 151.51, lon: 7.46"},
		{"office listed twice", "offices: [sozialamt]", "offices: [sozialamt, sozialamt]"},
		{"synonym with one word", "words: [obdachlos, wohnungslos]", "words: [obdachlos]"},
		{"synonym both ways", "  - from: [Hartz IV]", "  - words: [a, b]\n    from: [Hartz IV]"},
		{"synonym without to", "    to: [Bürgergeld]\n", ""},
		{"no way to reach the office", "    phone: [\"0231 50-0\"]\n    fax: [\"0231 50-1\"]\n    email: [sozialamt@dortmund.de]\n    web: https://www.dortmund.de/\n", ""},
		{"empty phone list only", "    phone: [\"0231 50-0\"]\n    fax: [\"0231 50-1\"]\n    email: [sozialamt@dortmund.de]\n    web: https://www.dortmund.de/\n", "    phone: []\n"},
		{"no Stadtteil", "stadtteile: [Dorstfeld]", "stadtteile: []"},
		{"hours without days", "{days: [Mo, Di], time: \"08:00-12:00\"}", "{time: \"08:00-12:00\"}"},
		{"address without street", "street: Luisenstraße 11-13, ", ""},
		{"unknown audience", "audience: [frauen]", "audience: [women]"},
		{"crisis line without phone or web", "    phone: [\"0800 111 0 111\", \"116 123\"]\n    hours: {de: 24 Stunden}\n    web: https://www.telefonseelsorge.de\n", ""},
		{"crisis line with a short number", `"116 123"`, `"1161"`},
		{"crisis without lines", "    lines: [telefonseelsorge]\n", "    lines: []\n"},
		{"signals in an unknown language", "en: [\"suicid*\"]", "xx: [\"suicid*\"]"},
	}
	for _, m := range mistakes {
		if !strings.Contains(minimalKB, m.old) {
			t.Fatalf("%s: %q is not in the minimal knowledge base", m.name, m.old)
		}
		variants = append(variants, variant{m.name, strings.Replace(minimalKB, m.old, m.new, 1)})
	}

	for _, v := range variants {
		loadErrs := loadErrors(v.text)
		schemaErrs := checkYAML(t, schema, v.text)
		switch {
		case len(loadErrs) > 0 && len(schemaErrs) == 0:
			t.Errorf("%s: Load reports %q, the schema accepts it", v.name, loadErrs[0].Msg)
		case len(loadErrs) == 0 && len(schemaErrs) > 0:
			t.Errorf("%s: Load accepts it, the schema reports %s", v.name, schemaErrs[0])
		}
	}
}
