package knowledge

import (
	"net/url"
	"strings"
	"testing"
)

const officesKB = `topics:
  - id: seniorenbueros
    category: geld
    title: {de: Seniorenbüros}
    summary: {de: Beratung im Alter.}
    offices: [seniorenbuero-aplerbeck, seniorenbuero-hoerde]
    local_offices: true
    reviewed: 2026-11-01
  - id: unterbringung
    category: geld
    title: {de: Unterbringung}
    summary: {de: Ein Dach über dem Kopf.}
    offices: [zentrale, maenner, frauen, beratung]
    reviewed: 2026-11-01
  - id: nur-eine
    category: geld
    title: {de: Eine Stelle}
    summary: {de: Nur eine Stelle für die ganze Stadt.}
    offices: [zentrale, seniorenbuero-hoerde]
    reviewed: 2026-11-01
offices:
  - id: seniorenbuero-aplerbeck
    name: {de: Seniorenbüro Aplerbeck}
    districts: [aplerbeck]
    phone: ["0231 50-1"]
    reviewed: 2026-11-01
  - id: seniorenbuero-hoerde
    name: {de: Seniorenbüro Hörde}
    districts: [hoerde]
    phone: ["0231 50-2"]
    reviewed: 2026-11-01
  - id: zentrale
    name: {de: Zentrale}
    phone: ["0231 50-0"]
    hours: [{days: [Mo, Di, Mi, Do, Fr], time: "08:00-16:00"}]
    reviewed: 2026-11-01
  - id: maenner
    name: {de: Männerübernachtungsstelle}
    audience: [maenner]
    phone: ["0231 50-0"]
    reviewed: 2026-11-01
  - id: frauen
    name: {de: Frauenübernachtungsstelle}
    audience: [frauen]
    web: https://example.org/fues
    hours: [{days: [Mo, Di, Mi, Do, Fr, Sa, So], time: "00:00-24:00"}]
    reviewed: 2026-11-01
  - id: beratung
    name: {de: Beratungsstelle}
    web: https://example.org/zbs
    hours: [{days: [Di, Mi, Do], time: "13:00-19:00"}]
    reviewed: 2026-11-01
`

func TestOfficesFor(t *testing.T) {
	kb, err := load(t, map[string]string{"offices.yaml": officesKB})
	if err != nil {
		t.Fatal(err)
	}
	tuesdayNight := at(2026, 12, 1, 21, 0)
	tuesdayNoon := at(2026, 12, 1, 12, 0)
	tests := []struct {
		name  string
		topic string
		need  Need
		want  string // ids best first; "!" marks responsible offices
	}{
		{"district office first", "seniorenbueros", Need{District: "hoerde", Now: tuesdayNoon}, "seniorenbuero-hoerde! seniorenbuero-aplerbeck"},
		{"no district: no office responsible", "seniorenbueros", Need{Now: tuesdayNoon}, "seniorenbuero-aplerbeck seniorenbuero-hoerde"},
		{"woman: the men's shelter is left out, the women's comes first", "unterbringung", Need{Gender: "frau", Now: tuesdayNoon}, "frauen zentrale beratung"},
		{"man: the women's shelter is left out", "unterbringung", Need{Gender: "mann", Now: tuesdayNoon}, "maenner zentrale beratung"},
		{"tonight: open offices first", "unterbringung", Need{Tonight: true, Now: tuesdayNoon}, "zentrale frauen maenner beratung"},
		{"tonight at 21:00: only the 24h shelter is open", "unterbringung", Need{Tonight: true, Now: tuesdayNight}, "frauen zentrale maenner beratung"},
		{"woman tonight", "unterbringung", Need{Gender: "frau", Tonight: true, Now: tuesdayNight}, "frauen zentrale beratung"},
		{"the only city-wide office is responsible", "nur-eine", Need{District: "aplerbeck", Now: tuesdayNoon}, "zentrale! seniorenbuero-hoerde"},
		{"the district's office and the only city-wide office are both responsible", "nur-eine", Need{District: "hoerde", Now: tuesdayNoon}, "zentrale! seniorenbuero-hoerde!"},
	}
	for _, tc := range tests {
		var got []string
		for _, f := range kb.OfficesFor(kb.Topic(tc.topic), tc.need) {
			id := f.Office.ID
			if f.Responsible {
				id += "!"
			}
			got = append(got, id)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: OfficesFor(%s, %+v) = %q, want %q", tc.name, tc.topic, tc.need, strings.Join(got, " "), tc.want)
		}
	}
	fits := kb.OfficesFor(kb.Topic("unterbringung"), Need{Now: tuesdayNight})
	for _, f := range fits {
		if f.Office.ID == "frauen" && !f.Open.AllDay {
			t.Errorf("frauen: open state %s, want open 24h", f.Open)
		}
		if f.Office.ID == "zentrale" && !f.Open.Next.Equal(at(2026, 12, 2, 8, 0)) {
			t.Errorf("zentrale: open state %s, want opens Wed 08:00", f.Open)
		}
	}
	if kb.OfficesFor(nil, Need{}) != nil {
		t.Error("OfficesFor(nil) must be nil")
	}
}

func TestDistrictOfficeFor(t *testing.T) {
	kb, err := load(t, map[string]string{"offices.yaml": officesKB})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ topic, district, want string }{
		{"seniorenbueros", "hoerde", "seniorenbuero-hoerde"},
		{"seniorenbueros", "aplerbeck", "seniorenbuero-aplerbeck"},
		{"seniorenbueros", "eving", ""},
		{"seniorenbueros", "", ""},
		{"unterbringung", "hoerde", ""},
	}
	for _, tc := range tests {
		got := ""
		if o := kb.DistrictOfficeFor(kb.Topic(tc.topic), tc.district); o != nil {
			got = o.ID
		}
		if got != tc.want {
			t.Errorf("DistrictOfficeFor(%s, %q) = %q, want %q", tc.topic, tc.district, got, tc.want)
		}
	}
}

func TestMapURL(t *testing.T) {
	tests := []struct {
		a     Address
		query string
	}{
		{Address{Street: "Nortkirchenstraße 15", Postcode: "44263", City: "Dortmund"}, "Nortkirchenstraße 15, 44263 Dortmund"},
		{Address{Street: "Unionstraße", City: "Dortmund"}, "Unionstraße, Dortmund"},
		{Address{Street: "Am Markt 1 & 2 #3?x=1", City: "Dortmund"}, "Am Markt 1 & 2 #3?x=1, Dortmund"},
	}
	for _, tc := range tests {
		raw := tc.a.MapURL()
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("%s: %v", raw, err)
			continue
		}
		if u.Scheme != "https" || u.Host != "www.openstreetmap.org" || u.Path != "/search" || u.Fragment != "" {
			t.Errorf("%s: want https://www.openstreetmap.org/search", raw)
		}
		if got := u.Query().Get("query"); got != tc.query || len(u.Query()) != 1 {
			t.Errorf("%s: query %q, want only %q", raw, got, tc.query)
		}
	}
	if got := (Address{Street: "Unionstraße", City: "Dortmund"}).MapURL(); got != "https://www.openstreetmap.org/search?query=Unionstra%C3%9Fe%2C+Dortmund" {
		t.Errorf("MapURL = %s", got)
	}
}
