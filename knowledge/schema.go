package knowledge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

//go:generate go test -run TestSchemaFile -update

// SchemaFile is the name of the JSON Schema of knowledge files in this
// package's folder. Editors that understand YAML with JSON Schemas (VS Code
// with the YAML extension, IntelliJ, Neovim with yaml-language-server) use it
// to complete field names and to underline mistakes while staff type, when a
// knowledge file starts with
//
//	# yaml-language-server: $schema=kb.schema.json
//
// (the path is relative to the YAML file). The schema catches the common
// mistakes; `sozialbot validate` remains the full check.
const SchemaFile = "kb.schema.json"

// Schema returns the JSON Schema (draft-07, which every common YAML editor
// understands) of one knowledge file. It is generated from the Go types:
// field names from their yaml tags, required fields as validate requires them,
// and descriptions written for the staff who keep the files. It never fails;
// the result is indented JSON ending in a newline.
func Schema() []byte {
	g := &schemaGen{defs: map[string]*jsonSchema{}}
	root := g.object(reflect.TypeOf(file{}))
	root.Schema = "http://json-schema.org/draft-07/schema#"
	root.Comment = "Generated from the Go types of package knowledge by `go generate ./knowledge`. Do not edit by hand."
	root.Title = "Sozialbot Dortmund: knowledge file"
	for _, name := range g.order {
		root.Definitions = append(root.Definitions, property{name, g.defs[name]})
	}
	data, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("knowledge: marshal schema: %v", err)) // cannot happen: only strings, numbers and lists
	}
	return append(data, '\n')
}

// jsonSchema is the part of JSON Schema draft-07 that the knowledge files need.
type jsonSchema struct {
	Schema               string        `json:"$schema,omitempty"`
	Comment              string        `json:"$comment,omitempty"`
	Ref                  string        `json:"$ref,omitempty"`
	Title                string        `json:"title,omitempty"`
	Description          string        `json:"description,omitempty"`
	Type                 string        `json:"type,omitempty"`
	Properties           properties    `json:"properties,omitempty"`
	Required             []string      `json:"required,omitempty"`
	AdditionalProperties *bool         `json:"additionalProperties,omitempty"`
	Items                *jsonSchema   `json:"items,omitempty"`
	MinItems             int           `json:"minItems,omitempty"`
	UniqueItems          bool          `json:"uniqueItems,omitempty"`
	MinLength            int           `json:"minLength,omitempty"`
	Pattern              string        `json:"pattern,omitempty"`
	Enum                 []string      `json:"enum,omitempty"`
	Minimum              *float64      `json:"minimum,omitempty"`
	Maximum              *float64      `json:"maximum,omitempty"`
	AnyOf                []*jsonSchema `json:"anyOf,omitempty"`
	Not                  *jsonSchema   `json:"not,omitempty"`
	Examples             []string      `json:"examples,omitempty"`
	Definitions          properties    `json:"definitions,omitempty"`
}

// properties keep the order of the Go struct, which is the order staff
// write the fields in.
type properties []property

type property struct {
	name   string
	schema *jsonSchema
}

func (ps properties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(p.name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.schema)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// fieldRule adds what the Go type cannot say about one field.
type fieldRule struct {
	desc     string
	pattern  string // for a list: the pattern of each item
	enum     []string
	minItems int
	unique   bool
	min, max *float64
	examples []string
	keys     []string // for a map: the keys allowed
}

func ptr(f float64) *float64 { return &f }

const (
	urlPattern    = `^https?://[^\s]+$`
	nonBlank      = `\S`
	idDescription = "Lower-case letters, digits and single dashes, e.g. seniorenbuero-eving. Other entries, links and the statistics use it: do not change it without need."
)

// schemaRequired are the fields without which Load reports an error. The
// test TestSchemaAgreesWithLoad keeps them in step with validate.go.
var schemaRequired = map[string][]string{
	"Category": {"id", "title"},
	"Topic":    {"id", "category", "title", "summary", "reviewed"},
	"Office":   {"id", "name", "reviewed"},
	"District": {"id", "name", "stadtteile", "reviewed"},
	"Text":     {"de"},
	"Link":     {"title", "url"},
	"Address":  {"street", "city"},
	"Hours":    {"days", "time"},
	"Geo":      {"lat", "lon"},

	"CrisisLine": {"id", "name", "reviewed"},
	"Crisis":     {"id", "title", "message", "lines", "signals"},
	"CrisisCue":  {"id", "words"},
	"Distress":   {"id", "signals"},

	"ElsewherePair": {"verbs", "things"},
}

// schemaTypeDocs describe each kind of entry.
var schemaTypeDocs = map[string]string{
	"file":     "A knowledge file of the Sozialamt Dortmund bot. Any file may hold any of these lists; `sozialbot validate FOLDER` checks the whole folder.",
	"Category": "A group of topics for browsing in the bot (/themen).",
	"Topic":    "One thing citizens ask about: a benefit, a service, or a referral to another office.",
	"Office":   "A place citizens can go to, call or write to.",
	"District": "One of Dortmund's twelve Stadtbezirke, with the names people use for its places.",
	"Synonym":  "Words citizens use for the office's words. Either `words` (all mean the same) or `from` and `to` (a citizen's word is read as the office's word), not both.",
	"Text":     "A text in German (`de`, required) and English (`en`).",
	"Phrases":  "Ways citizens ask, per language, in their own words.",
	"Link":     "A web page worth opening.",
	"Address":  "A postal address.",
	"Hours":    "One line of opening hours: some weekdays, one time span. Use several lines for a lunch break or different days.",
	"Geo":      "A point on the map, e.g. from the city's map or OpenStreetMap.",

	"CrisisLine": "A national emergency or crisis number (112, TelefonSeelsorge, Hilfetelefon), shown first when someone writes about suicide, violence or acute danger.",
	"Crisis":     "One kind of emergency the bot recognises in a message (suizid, gewalt, ...): a calm message, the crisis lines to show, and the phrases that signal it.",
	"CrisisCue":  "Words that crisis signals share, written once and named in signals with <id> (\"<sterben>\"); or, with idiom: true, everyday sayings whose words never count for a signal (\"das bringt mich um\").",
	"Distress":   "Signals of distress below a crisis (despair, exhaustion, fear, not coping): the bot answers as usual and adds one line with the TelefonSeelsorge and 112.",
	"Citation":   "A web page the facts come from: its address alone, or a block with url, the year the page was published or last updated, and a note.",

	"ElsewherePair": "A service of another office named by two words: one of `verbs` and one of `things`, anywhere in the message. A verb with a separable prefix (anmelden, abmelden, zulassen) also counts split: \"melde … an\".",
}

// schemaRules are keyed "Type.field" with the field's YAML name.
var schemaRules = map[string]fieldRule{
	"file.categories":   {desc: "Groups of topics for browsing."},
	"file.topics":       {desc: "Things citizens ask about."},
	"file.offices":      {desc: "Places citizens can go to, call or write to."},
	"file.districts":    {desc: "The Stadtbezirke and their places."},
	"file.synonyms":     {desc: "Citizens' words for the office's words."},
	"file.elsewhere":    {desc: "Words for services of other offices (Personalausweis, Kindergeld, Kfz-Steuer). A question about them is declined with the city's central number instead of being answered with a topic that only mentions the word."},
	"file.crisis_lines": {desc: "National emergency and crisis numbers."},
	"file.crises":       {desc: "Kinds of emergency the bot recognises, most urgent first: a message that signals several gets the first."},
	"file.crisis_cues":  {desc: "Word classes that crisis signals share (<id>), and everyday sayings that look like a crisis (idiom: true)."},
	"file.distress":     {desc: "Signals of distress that are too weak for the crisis answer (\"halte das nicht mehr aus\", \"habe Angst\"): the answer gets one line with the TelefonSeelsorge and 112."},
	"file.word_parts":   {desc: "Parts into which long German words are split for search, e.g. pflege, heim, kosten. Only domain words: short or common parts cause wrong matches."},

	"file.elsewhere_pairs": {desc: "Services of other offices that two words name wherever they stand in a message: a verb and a thing (\"Wie melde ich mein Auto ab?\"). The bot declines them with the city's central number, also in the middle of a conversation."},

	"Category.id":    {desc: idDescription, pattern: idPattern.String()},
	"Category.title": {desc: "The category's name as citizens read it."},

	"Topic.id":            {desc: idDescription, pattern: idPattern.String()},
	"Topic.category":      {desc: "The id of one of the categories, e.g. geld or alter-pflege.", pattern: idPattern.String()},
	"Topic.title":         {desc: "The topic's name as citizens read it."},
	"Topic.summary":       {desc: "Two plain sentences: what this is and who it is for."},
	"Topic.who":           {desc: "Section \"Wer bekommt es?\": who can get it."},
	"Topic.what":          {desc: "Section \"Was gibt es?\": what it gives."},
	"Topic.how":           {desc: "Section \"Wie beantrage ich es?\": how to apply."},
	"Topic.bring":         {desc: "Section \"Was muss ich mitbringen?\": documents to bring."},
	"Topic.costs":         {desc: "Section \"Kosten\"."},
	"Topic.deadlines":     {desc: "Section \"Fristen\"."},
	"Topic.legal":         {desc: "Section \"Rechtsgrundlage\", e.g. §§ 41 ff. SGB XII."},
	"Topic.unknown":       {desc: "Say honestly what could not be confirmed, and whom citizens can ask. Shown in the answer and listed in `sozialbot review`."},
	"Topic.referral":      {desc: "true when this is not the Sozialamt's task and the answer says where to go instead."},
	"Topic.offices":       {desc: "The ids of the offices responsible for the topic.", pattern: idPattern.String(), unique: true},
	"Topic.need_span":     {desc: "lasting, temporary or working: tells apart topics for the same need (money to live on) that differ only in how long the person cannot work (Grundsicherung: lasting; Hilfe zum Lebensunterhalt: temporary) or that they can (Bürgergeld: working).", enum: []string{"lasting", "temporary", "working"}},
	"Topic.local_offices": {desc: "true when there is one office per Stadtbezirk and a question naming a place should lead to the office of that place."},
	"Topic.links":         {desc: "Web pages worth opening."},
	"Topic.phrasings":     {desc: "Questions as citizens would write them; they help the search."},
	"Topic.keywords":      {desc: "More words that should find this topic."},
	"Topic.sources":       {desc: "The web pages the facts come from (https://...), each alone or as a block with url and the year the page was published or last updated: {url: https://..., year: 2019}."},
	"Topic.reviewed":      {desc: "The day someone last checked the facts against the sources."},
	"Topic.checked":       {desc: "The day staff last checked the entry with the office itself (by phone or visit). The answer card says \"Geprüft am\" only when it is set."},

	"Office.id":         {desc: idDescription, pattern: idPattern.String()},
	"Office.name":       {desc: "The office's name as it appears on the door or the web."},
	"Office.districts":  {desc: "The ids of the Stadtbezirke it serves; leave out when it serves the whole city.", pattern: idPattern.String(), unique: true},
	"Office.address":    {desc: "Leave out when not known, and say so in `unknown`."},
	"Office.phone":      {desc: "Phone numbers as citizens dial them.", pattern: phonePattern.String(), examples: []string{"0231 50-12345"}},
	"Office.fax":        {desc: "Fax numbers.", pattern: phonePattern.String(), examples: []string{"0231 50-12346"}},
	"Office.email":      {desc: "E-mail addresses.", pattern: emailPattern.String()},
	"Office.web":        {desc: "The office's web page (https://...).", pattern: urlPattern},
	"Office.hours":      {desc: "Opening hours, one line per group of days and time span."},
	"Office.hours_note": {desc: "What a table cannot say, e.g. \"und nach Vereinbarung\"."},
	"Office.operator":   {desc: "Who runs it, when it is not the city itself."},
	"Office.languages":  {desc: "Languages spoken there besides German."},
	"Office.audience":   {desc: "Only when the office is only for some people, as its sources say: frauen, maenner, familien, jugendliche. An office for women is not offered to a man, and the other way round.", enum: Audiences, unique: true},
	"Office.geo":        {desc: "The office's real position; needed to show it on the map and to find the nearest office."},
	"Office.unknown":    {desc: "Which contact details are missing or conflicting, and whom to ask. Listed in `sozialbot review`."},
	"Office.keywords":   {desc: "More words that should find this office."},
	"Office.sources":    {desc: "The web pages the facts come from (https://...), each alone or as a block with url and the year the page was published or last updated: {url: https://..., year: 2019}."},
	"Office.reviewed":   {desc: "The day someone last checked the facts against the sources."},
	"Office.checked":    {desc: "The day staff last confirmed the contact details with the office itself (by phone or visit). The answer card says \"Geprüft am\" only when it is set."},

	"District.id":          {desc: idDescription, pattern: idPattern.String()},
	"District.name":        {desc: "The Stadtbezirk's name, e.g. Hörde.", pattern: nonBlank},
	"District.stadtteile":  {desc: "The places people name: former villages, quarters.", minItems: 1},
	"District.statistical": {desc: "The city's statistical districts, where they differ."},
	"District.colloquial":  {desc: "Everyday names such as Nordstadt."},
	"District.postcodes":   {desc: "Postcodes that lie (partly) in the district, in quotes. A postcode listed for several districts is ambiguous, and the bot asks instead of guessing.", pattern: postcodePattern.String()},
	"District.center":      {desc: "The district's centre; used only to place a shared location, never as an office's position."},
	"District.sources":     {desc: "The web pages the facts come from (https://...), each alone or as a block with url and the year the page was published or last updated: {url: https://..., year: 2019}."},
	"District.reviewed":    {desc: "The day someone last checked the facts against the sources."},

	"CrisisLine.id":       {desc: idDescription, pattern: idPattern.String()},
	"CrisisLine.name":     {desc: "The line's name, e.g. TelefonSeelsorge."},
	"CrisisLine.phone":    {desc: "Numbers as dialled; short national numbers such as 112 or 116 016 are allowed.", pattern: "(" + crisisPhonePattern.String() + ")|(" + phonePattern.String() + ")", examples: []string{"0800 111 0 111"}},
	"CrisisLine.hours":    {desc: "When it answers and what it costs, e.g. \"24 Stunden, kostenlos\"."},
	"CrisisLine.web":      {desc: "The line's web page (https://...), e.g. for chat.", pattern: urlPattern},
	"CrisisLine.note":     {desc: "Whom it is for; anonymous; languages."},
	"CrisisLine.sources":  {desc: "The web pages the facts come from (https://...).", pattern: urlPattern},
	"CrisisLine.reviewed": {desc: "The day someone last checked the facts against the sources."},

	"Crisis.id":           {desc: "The kind of emergency, e.g. suizid, haeusliche-gewalt. " + idDescription, pattern: idPattern.String()},
	"Crisis.title":        {desc: "A short name for staff and statistics."},
	"Crisis.message":      {desc: "One or two calm sentences shown before the lines."},
	"Crisis.lines":        {desc: "The ids of crisis lines, most urgent first.", pattern: idPattern.String(), minItems: 1, unique: true},
	"Crisis.topic":        {desc: "A topic to offer after the lines, e.g. wohnungslosenhilfe.", pattern: idPattern.String()},
	"Crisis.instead_of":   {desc: "Kinds this one is answered instead of, when a message signals one of them and one of instead_when, e.g. kind-in-gefahr instead of gewalt when the victim is a child.", pattern: idPattern.String(), unique: true},
	"Crisis.instead_when": {desc: "Per language, signals that decide for this kind over those in instead_of, e.g. \"ich bin <kindesalter>\".", keys: CrisisLanguages},
	"CrisisCue.id":        {desc: "The name signals use in angle brackets, <id>. " + idDescription, pattern: idPattern.String()},
	"CrisisCue.note":      {desc: "What the words have in common, for the staff."},
	"CrisisCue.idiom":     {desc: "true: the words are everyday sayings (phrases); their words never count for a signal."},
	"CrisisCue.words":     {desc: "Per language, single words (a word ending in * matches words beginning with it), or phrases for an idiom.", keys: CrisisLanguages},

	"Distress.id":      {desc: idDescription, pattern: idPattern.String()},
	"Distress.note":    {desc: "What the signals have in common, for the staff."},
	"Distress.signals": {desc: "Per language, phrases that show distress, matched like crisis signals (whole words, * ... $ and +) but without <cue>.", keys: CrisisLanguages},
	"Distress.unless":  {desc: "Per language, phrases whose words never count for a distress signal, e.g. \"keine Angst\".", keys: CrisisLanguages},
	"Crisis.signals":   {desc: "Per language, phrases that signal this emergency, as people write them. Whole words only; case, accents and punctuation do not matter; a word ending in * matches words beginning with it (at least 4 letters), ... stands for up to three words, and a final $ means the message ends there.", keys: CrisisLanguages},

	"Synonym.words": {desc: "Words that all mean the same, in both directions.", minItems: 2},
	"Synonym.from":  {desc: "Citizens' words, each read as the words in `to`.", minItems: 1},
	"Synonym.to":    {desc: "The office's words.", minItems: 1},

	"ElsewherePair.verbs":  {desc: "Verbs of the service, in the forms people write: anmelden, abmelden, Zulassung, register.", minItems: 1},
	"ElsewherePair.things": {desc: "What the verbs are done to: Auto, Hund, car, dog.", minItems: 1},

	"Text.de": {desc: "German text.", pattern: nonBlank},
	"Text.en": {desc: "English text."},

	"Phrases.de": {desc: "In German."},
	"Phrases.en": {desc: "In English."},

	"Link.title": {desc: "What the page is, as citizens read it."},
	"Link.url":   {desc: "The address (https://...).", pattern: urlPattern},

	"Address.street":   {desc: "Street and number.", pattern: nonBlank},
	"Address.postcode": {desc: "Five digits, in quotes: \"44135\".", pattern: postcodePattern.String()},
	"Address.city":     {desc: "Usually Dortmund.", pattern: nonBlank},
	"Address.note":     {desc: "Helps people find the door: \"im Amtshaus, 2. Etage\"."},

	"Hours.days": {desc: "Weekdays: Mo, Di, Mi, Do, Fr, Sa, So.", enum: Weekdays, minItems: 1},
	"Hours.time": {desc: "A time span such as 09:00-12:00.", pattern: timeSpanPattern.String(), examples: []string{"09:00-12:00"}},

	"Citation.url":  {desc: "The web page's address (https://...).", pattern: urlPattern},
	"Citation.year": {desc: "The year the page was published or last updated, as far as it shows; leave out when it shows no date.", min: ptr(minSourceYear)},
	"Citation.note": {desc: "For staff: what the page backs, or where its date comes from. Web pages only, no file names."},

	"Geo.lat": {desc: "Latitude; Dortmund lies around 51.5.", min: ptr(-90), max: ptr(90)},
	"Geo.lon": {desc: "Longitude; Dortmund lies around 7.5.", min: ptr(-180), max: ptr(180)},
}

var (
	dateType   = reflect.TypeOf(Date{})
	sourceType = reflect.TypeOf(Citation{})
)

type schemaGen struct {
	defs  map[string]*jsonSchema
	order []string
}

// object describes a struct type; the fields come from its yaml tags.
func (g *schemaGen) object(t reflect.Type) *jsonSchema {
	name := t.Name()
	s := &jsonSchema{Type: "object", Description: schemaTypeDocs[name], Required: schemaRequired[name], AdditionalProperties: new(bool)}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if !f.IsExported() || key == "" || key == "-" {
			continue
		}
		rule := schemaRules[name+"."+key]
		var p *jsonSchema
		if f.Type.Kind() == reflect.Map {
			p = &jsonSchema{Type: "object", AdditionalProperties: new(bool)}
			for _, k := range rule.keys {
				p.Properties = append(p.Properties, property{k, g.value(f.Type.Elem())})
			}
		} else {
			p = g.value(f.Type)
		}
		p.Description = rule.desc
		target := p
		if p.Type == "array" {
			p.MinItems, p.UniqueItems = rule.minItems, rule.unique
			target = p.Items
		}
		if rule.pattern != "" {
			target.Pattern = rule.pattern
		}
		if rule.examples != nil {
			target.Examples = rule.examples
		}
		target.Enum, target.Minimum, target.Maximum = rule.enum, rule.min, rule.max
		s.Properties = append(s.Properties, property{key, p})
	}
	switch name {
	case "Office", "CrisisLine":
		// validate.go: at least one way to reach it.
		ways := []string{"phone", "email", "web"}
		if name == "CrisisLine" {
			ways = []string{"phone", "web"}
		}
		for _, key := range ways {
			branch := &jsonSchema{Required: []string{key}, Properties: properties{{key, &jsonSchema{MinItems: 1}}}}
			if key == "web" {
				branch.Properties[0].schema = &jsonSchema{MinLength: 1}
			}
			s.AnyOf = append(s.AnyOf, branch)
		}
	case "Synonym":
		s.AnyOf = []*jsonSchema{
			{Required: []string{"words"}, Not: &jsonSchema{AnyOf: []*jsonSchema{{Required: []string{"from"}}, {Required: []string{"to"}}}}},
			{Required: []string{"from", "to"}, Not: &jsonSchema{Required: []string{"words"}}},
		}
	}
	return s
}

// value describes the type of one field; struct types of this package
// become definitions, referred to by name.
func (g *schemaGen) value(t reflect.Type) *jsonSchema {
	switch {
	case t == dateType:
		return &jsonSchema{Type: "string", Pattern: `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, Examples: []string{"2026-11-24"}}
	case t == sourceType:
		// A plain address or a block: Citation.UnmarshalYAML accepts both.
		if _, ok := g.defs["Citation"]; !ok {
			g.order = append(g.order, "Citation")
			block := g.object(t)
			block.Description = ""
			block.Required = []string{"url"}
			g.defs["Citation"] = &jsonSchema{Description: schemaTypeDocs["Citation"], AnyOf: []*jsonSchema{
				{Type: "string", Pattern: urlPattern, Examples: []string{"https://dortmund.de/services/elterngeld.html"}},
				block,
			}}
		}
		return &jsonSchema{Ref: "#/definitions/Citation"}
	case t.Kind() == reflect.Pointer:
		return g.value(t.Elem())
	case t.Kind() == reflect.Slice:
		return &jsonSchema{Type: "array", Items: g.value(t.Elem())}
	case t.Kind() == reflect.Struct:
		name := t.Name()
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // placeholder against recursion
			g.order = append(g.order, name)
			g.defs[name] = g.object(t)
		}
		return &jsonSchema{Ref: "#/definitions/" + name}
	case t.Kind() == reflect.String:
		return &jsonSchema{Type: "string"}
	case t.Kind() == reflect.Bool:
		return &jsonSchema{Type: "boolean"}
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return &jsonSchema{Type: "number"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return &jsonSchema{Type: "integer"}
	}
	panic(fmt.Sprintf("knowledge: no JSON Schema for %v", t)) // a new field type needs a case here; the schema test shows it
}
