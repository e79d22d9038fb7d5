// Package knowledge holds what the Sozialamt's staff write down in YAML files:
// topics, offices, districts (Stadtbezirke) and the words citizens use for the
// office's words. It loads a folder of YAML files, checks every entry the way a
// careful colleague would, and reports every problem at once as file:line:col.
//
// The package imports neither bleve nor Telegram; the index and the bot speak
// in its types. A loaded *Base is read-only and safe for concurrent use.
package knowledge

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Text is a piece of text in German (required) and English. Translations
// into further languages come from the translation files (see i18n.go).
type Text struct {
	DE string `yaml:"de" json:"de"`
	EN string `yaml:"en,omitempty" json:"en,omitempty"`

	tr *translated
}

// In returns the text in lang, falling back to German; a stale translation is
// returned too (see Lookup).
func (t Text) In(lang string) string {
	s, _ := t.Lookup(lang)
	return s
}

// IsZero reports whether neither language has text.
func (t Text) IsZero() bool { return strings.TrimSpace(t.DE) == "" && strings.TrimSpace(t.EN) == "" }

// Phrases are alternative wordings, per language, as citizens would write them.
type Phrases struct {
	DE []string `yaml:"de,omitempty" json:"de,omitempty"`
	EN []string `yaml:"en,omitempty" json:"en,omitempty"`
}

// Date is a calendar day written as 2026-11-24.
type Date struct{ time.Time }

const dateLayout = "2006-01-02"

// UnmarshalYAML accepts only YYYY-MM-DD, so that "24.11.2026" is reported
// with its line instead of being read as something else.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(dateLayout, strings.TrimSpace(n.Value))
	if err != nil {
		// A TypeError lets the decoder go on and report every problem at once.
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: date %q must be written as YYYY-MM-DD, e.g. 2026-11-24", n.Line, n.Value)}}
	}
	d.Time = t
	return nil
}

// MarshalYAML writes the date back as YYYY-MM-DD.
func (d Date) MarshalYAML() (any, error) { return d.String(), nil }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(dateLayout)
}

// German renders the date as citizens in Germany read it: 24.11.2026.
func (d Date) German() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("02.01.2006")
}

// Link is a web page worth opening.
type Link struct {
	Title Text   `yaml:"title" json:"title"`
	URL   string `yaml:"url" json:"url"`
}

// Category groups topics for browsing (/themen).
type Category struct {
	ID    string `yaml:"id" json:"id"`
	Title Text   `yaml:"title" json:"title"`
	Pos   Pos    `yaml:"-" json:"-"`
}

// Topic is one thing citizens ask about: a benefit, a service, a referral.
type Topic struct {
	ID       string `yaml:"id" json:"id"`
	Category string `yaml:"category" json:"category"`
	Title    Text   `yaml:"title" json:"title"`
	// Summary says in two plain sentences what this is and who it is for.
	Summary Text `yaml:"summary" json:"summary"`

	// The full answer, section by section; empty sections are left out.
	Who       Text `yaml:"who,omitempty" json:"who,omitempty"`
	What      Text `yaml:"what,omitempty" json:"what,omitempty"`
	How       Text `yaml:"how,omitempty" json:"how,omitempty"`
	Bring     Text `yaml:"bring,omitempty" json:"bring,omitempty"`
	Costs     Text `yaml:"costs,omitempty" json:"costs,omitempty"`
	Deadlines Text `yaml:"deadlines,omitempty" json:"deadlines,omitempty"`
	Legal     Text `yaml:"legal,omitempty" json:"legal,omitempty"`
	// Unknown says honestly what we could not confirm, and whom to ask.
	Unknown Text `yaml:"unknown,omitempty" json:"unknown,omitempty"`

	// Referral marks topics that are not the Sozialamt's; the answer says where to go.
	Referral bool `yaml:"referral,omitempty" json:"referral,omitempty"`
	// Offices responsible for the topic, by id.
	Offices []string `yaml:"offices,omitempty" json:"offices,omitempty"`
	// LocalOffices means the topic has one office per Stadtbezirk, and a
	// question naming a place should lead to the office of that place.
	LocalOffices bool `yaml:"local_offices,omitempty" json:"local_offices,omitempty"`
	// NeedSpan tells apart two topics for the same need that differ only in
	// how long it lasts: a message saying the person cannot work for good
	// leads to the "lasting" one (Grundsicherung), one saying for a time to
	// the "temporary" one (Hilfe zum Lebensunterhalt).
	NeedSpan string `yaml:"need_span,omitempty" json:"need_span,omitempty"`

	Links     []Link     `yaml:"links,omitempty" json:"links,omitempty"`
	Phrasings Phrases    `yaml:"phrasings,omitempty" json:"phrasings,omitempty"`
	Keywords  []string   `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	Sources   []Citation `yaml:"sources" json:"sources"`
	// Reviewed is the day the text was last checked against the sources
	// (editorial); Checked the day staff last checked it with the office.
	Reviewed Date `yaml:"reviewed" json:"reviewed"`
	Checked  Date `yaml:"checked,omitempty" json:"checked,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Address is a postal address in Dortmund (or Bochum, Hagen).
type Address struct {
	Street   string `yaml:"street" json:"street"`
	Postcode string `yaml:"postcode,omitempty" json:"postcode,omitempty"`
	City     string `yaml:"city" json:"city"`
	// Note helps people find the door: "im Amtshaus", "2. Etage".
	Note Text `yaml:"note,omitempty" json:"note,omitempty"`
}

// String renders the address on one line.
func (a Address) String() string {
	place := strings.TrimSpace(a.Postcode + " " + a.City)
	if a.Street == "" {
		return place
	}
	return a.Street + ", " + place
}

// Hours is one line of opening hours: some weekdays, one time span.
type Hours struct {
	// Days are German weekday abbreviations: Mo, Di, Mi, Do, Fr, Sa, So.
	Days []string `yaml:"days" json:"days"`
	// Time is a span such as "09:00-12:00".
	Time string `yaml:"time" json:"time"`
}

// Geo is a point on the map. Only enter it for the office's real address.
type Geo struct {
	Lat float64 `yaml:"lat" json:"lat"`
	Lon float64 `yaml:"lon" json:"lon"`
}

// Office is a place citizens can go to, call or write to.
type Office struct {
	ID   string `yaml:"id" json:"id"`
	Name Text   `yaml:"name" json:"name"`
	// Districts are the ids of the Stadtbezirke it serves; empty means the whole city.
	Districts []string `yaml:"districts,omitempty" json:"districts,omitempty"`
	Address   *Address `yaml:"address,omitempty" json:"address,omitempty"`
	Phone     []string `yaml:"phone,omitempty" json:"phone,omitempty"`
	Fax       []string `yaml:"fax,omitempty" json:"fax,omitempty"`
	Email     []string `yaml:"email,omitempty" json:"email,omitempty"`
	Web       string   `yaml:"web,omitempty" json:"web,omitempty"`
	Hours     []Hours  `yaml:"hours,omitempty" json:"hours,omitempty"`
	// HoursNote adds what a table cannot say: "und nach Vereinbarung".
	HoursNote Text     `yaml:"hours_note,omitempty" json:"hours_note,omitempty"`
	Operator  string   `yaml:"operator,omitempty" json:"operator,omitempty"`
	Languages []string `yaml:"languages,omitempty" json:"languages,omitempty"`
	// Audience names whom the office is only for (Audiences), e.g. a
	// women's night shelter; empty means everyone.
	Audience []string `yaml:"audience,omitempty" json:"audience,omitempty"`
	Geo      *Geo     `yaml:"geo,omitempty" json:"geo,omitempty"`
	// Unknown says which contact details are missing or conflicting, and whom to ask.
	Unknown  Text       `yaml:"unknown,omitempty" json:"unknown,omitempty"`
	Keywords []string   `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	Sources  []Citation `yaml:"sources" json:"sources"`
	Reviewed Date       `yaml:"reviewed" json:"reviewed"`
	// Checked is the day staff last confirmed the contact details with the office.
	Checked Date `yaml:"checked,omitempty" json:"checked,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// District is one of Dortmund's twelve Stadtbezirke.
type District struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
	// Stadtteile are the places people name: former villages, quarters.
	Stadtteile []string `yaml:"stadtteile" json:"stadtteile"`
	// Statistical are the city's statistical districts, where they differ.
	Statistical []string `yaml:"statistical,omitempty" json:"statistical,omitempty"`
	// Colloquial are everyday names such as "Nordstadt".
	Colloquial []string `yaml:"colloquial,omitempty" json:"colloquial,omitempty"`
	// Postcodes that lie (partly) in the district; a postcode listed for
	// several districts is ambiguous and the bot asks instead of guessing.
	Postcodes []string `yaml:"postcodes,omitempty" json:"postcodes,omitempty"`
	// Center is the district's centre, used only to find the district of a
	// shared location, never as an office's position.
	Center   *Geo       `yaml:"center,omitempty" json:"center,omitempty"`
	Sources  []Citation `yaml:"sources" json:"sources"`
	Reviewed Date       `yaml:"reviewed" json:"reviewed"`

	Pos Pos `yaml:"-" json:"-"`
}

// Synonym maps citizens' words to the office's words. Either Words are all
// interchangeable, or each of From is read as To (one way).
type Synonym struct {
	Words []string `yaml:"words,omitempty" json:"words,omitempty"`
	From  []string `yaml:"from,omitempty" json:"from,omitempty"`
	To    []string `yaml:"to,omitempty" json:"to,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// ElsewherePair is a service of another office that a message names by two
// words anywhere in it: one of Verbs and one of Things ("Wie melde ich mein
// Auto ab?" is the Zulassungsstelle's, though the Fahrdienst speaks of a
// car). A verb with a separable prefix (anmelden, abmelden, zulassen) also
// counts split, as German writes it: "melde … an".
type ElsewherePair struct {
	Verbs  []string `yaml:"verbs" json:"verbs"`
	Things []string `yaml:"things" json:"things"`

	Pos Pos `yaml:"-" json:"-"`
}

// Terms returns every word of the synonym group.
func (s Synonym) Terms() []string {
	out := append([]string{}, s.Words...)
	out = append(out, s.From...)
	return append(out, s.To...)
}
