package knowledge

import (
	"cmp"
	"net/url"
	"slices"
	"time"
)

// Audiences are the groups an office may be only for (Office.Audience).
var Audiences = []string{"frauen", "maenner", "familien", "jugendliche"}

// Need is what the bot knows about the person asking. It never holds
// personal data beyond these coarse choices.
type Need struct {
	// District is the id of the person's Stadtbezirk, or "".
	District string
	// Gender is "frau", "mann" or "".
	Gender string
	// Tonight is true when the person needs a place now or tonight.
	Tonight bool
	// Now is the moment of the question; zero means time.Now.
	Now time.Time
}

// OfficeFit is an office of a topic, as it fits a person.
type OfficeFit struct {
	Office *Office
	// Responsible is true only where the knowledge base says the office
	// serves the person ("Zuständig"); otherwise it is a contact ("Kontakt").
	Responsible bool
	Open        OpenState
}

// genderAudience maps Need.Gender to the audience of offices only for it.
var genderAudience = map[string]string{"frau": "frauen", "mann": "maenner"}

// GenderAudience is the audience of the offices only for a Need.Gender
// ("frau": "frauen"), or "".
func GenderAudience(gender string) string { return genderAudience[gender] }

// OfficesFor returns the offices of a topic that fit the person, best first:
//
//  1. with a known district and a topic with local_offices, the district's office;
//  2. an office only for the person's gender (a women's shelter for a woman);
//  3. when a place is needed tonight, offices open all day or open now;
//  4. offices responsible for the person;
//  5. then in the order the topic lists them.
//
// Offices only for the other gender are left out. An office is responsible
// when it serves the person's district, or when it serves the whole city
// and is the only such office of the topic left for the person.
func (b *Base) OfficesFor(t *Topic, n Need) []OfficeFit {
	if t == nil {
		return nil
	}
	now := n.Now
	if now.IsZero() {
		now = time.Now()
	}
	own := genderAudience[n.Gender]
	var other string
	for g, a := range genderAudience {
		if n.Gender != "" && g != n.Gender {
			other = a
		}
	}
	var offices []*Office
	cityWide := 0
	for _, o := range b.OfficesOf(t) {
		if other != "" && slices.Contains(o.Audience, other) && !slices.Contains(o.Audience, own) {
			continue
		}
		offices = append(offices, o)
		if len(o.Districts) == 0 {
			cityWide++
		}
	}
	fits := make([]OfficeFit, len(offices))
	type rank struct{ district, gender, tonight, responsible, order int }
	ranks := make(map[*Office]rank, len(offices))
	for i, o := range offices {
		serves := n.District != "" && slices.Contains(o.Districts, n.District)
		f := OfficeFit{
			Office:      o,
			Responsible: serves || (len(o.Districts) == 0 && cityWide == 1),
			Open:        o.OpenAt(now),
		}
		fits[i] = f
		r := rank{1, 1, 1, 1, i}
		if serves && t.LocalOffices {
			r.district = 0
		}
		if own != "" && slices.Contains(o.Audience, own) {
			r.gender = 0
		}
		if n.Tonight && (f.Open.AllDay || f.Open.Open) {
			r.tonight = 0
		}
		if f.Responsible {
			r.responsible = 0
		}
		ranks[o] = r
	}
	slices.SortFunc(fits, func(a, b OfficeFit) int {
		x, y := ranks[a.Office], ranks[b.Office]
		return cmp.Or(
			cmp.Compare(x.district, y.district),
			cmp.Compare(x.gender, y.gender),
			cmp.Compare(x.tonight, y.tonight),
			cmp.Compare(x.responsible, y.responsible),
			cmp.Compare(x.order, y.order),
		)
	})
	return fits
}

// DistrictOfficeFor returns the first office of the topic that serves the
// Stadtbezirk, or nil. It is the one place that decides which office of a
// topic with local_offices belongs to a district.
func (b *Base) DistrictOfficeFor(t *Topic, district string) *Office {
	if t == nil || district == "" {
		return nil
	}
	for _, o := range b.OfficesOf(t) {
		if slices.Contains(o.Districts, district) {
			return o
		}
	}
	return nil
}

// MapURL returns an OpenStreetMap search for the address, so that a map
// can be offered without coordinates nobody checked.
func (a Address) MapURL() string {
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(a.String())
}
