package knowledge

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	phonePattern    = regexp.MustCompile(`^(\+49 ?|0|\(0)[0-9 ()/-]+[0-9]$`)
	emailPattern    = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$`)
	timeSpanPattern = regexp.MustCompile(`^([01][0-9]|2[0-4]):([0-5][0-9]) ?[-–] ?([01][0-9]|2[0-4]):([0-5][0-9])$`)
	postcodePattern = regexp.MustCompile(`^[0-9]{5}$`)
)

// Weekdays are the day names allowed in opening hours, in week order.
var Weekdays = []string{"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"}

// MaxAnswerChars is a rough budget for the text of one topic in one language;
// beyond it the answer card will not fit one Telegram message (4096 characters).
const MaxAnswerChars = 3500

type checker struct {
	opts Options
	ps   Problems
}

func (c *checker) errorf(p Pos, format string, args ...any) {
	c.ps = append(c.ps, Problem{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) warnf(p Pos, format string, args ...any) {
	c.ps = append(c.ps, Problem{Pos: p, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

func (b *Base) validate(opts Options) Problems {
	c := &checker{opts: opts}
	categories := map[string]bool{}
	for _, cat := range b.Categories {
		c.id(cat.Pos, "category", cat.ID)
		if categories[cat.ID] {
			c.errorf(cat.Pos.At("id"), "category id %q is used twice", cat.ID)
		}
		categories[cat.ID] = true
		c.text(cat.Pos, "title", cat.Title, true)
	}
	spans := map[string]string{}
	for i := range b.Topics {
		t := &b.Topics[i]
		b.checkTopic(c, t, categories)
		if other, ok := spans[t.NeedSpan]; ok && t.NeedSpan != "" {
			c.errorf(t.Pos.At("need_span"), "topic %q: need_span %q is already topic %q's; only one topic can have it", t.ID, t.NeedSpan, other)
		}
		spans[t.NeedSpan] = t.ID
	}
	for i := range b.Offices {
		b.checkOffice(c, &b.Offices[i])
	}
	b.checkCrises(c)
	b.checkDistress(c)
	stadtteil := map[string]string{}
	for _, d := range b.Districts {
		c.id(d.Pos, "district", d.ID)
		if strings.TrimSpace(d.Name) == "" {
			c.errorf(d.Pos, "district %q: name is missing", d.ID)
		}
		if len(d.Stadtteile) == 0 {
			c.errorf(d.Pos, "district %q: list at least one Stadtteil", d.ID)
		}
		for _, name := range append(append(append([]string{}, d.Stadtteile...), d.Statistical...), d.Colloquial...) {
			key := strings.ToLower(name)
			if other, ok := stadtteil[key]; ok && other != d.ID {
				c.warnf(d.Pos, "district %q: place %q is also listed for district %q; a question naming it cannot be placed", d.ID, name, other)
			}
			stadtteil[key] = d.ID
		}
		for i, pc := range d.Postcodes {
			at := d.Pos.At(fmt.Sprintf("postcodes[%d]", i))
			switch {
			case !postcodePattern.MatchString(pc):
				c.errorf(at, "district %q: postcode %q must have five digits", d.ID, pc)
			case !IsDortmundPostcode(pc):
				c.errorf(at, "district %q: postcode %q is not a Dortmund postcode (%s to %s)", d.ID, pc, MinPostcode, MaxPostcode)
			}
		}
		if d.Center != nil {
			c.geo(d.Pos.At("center"), "district "+d.ID, *d.Center)
		}
		c.sources(d.Pos, "district "+d.ID, d.Sources)
		c.reviewed(d.Pos, "district "+d.ID, d.Reviewed)
	}
	for _, e := range b.ElsewherePairs {
		if len(e.Verbs) == 0 || len(e.Things) == 0 {
			c.errorf(e.Pos, "elsewhere pair: needs \"verbs\" and \"things\", at least one word each")
		}
	}
	for _, s := range b.Synonyms {
		switch {
		case len(s.Words) > 0 && (len(s.From) > 0 || len(s.To) > 0):
			c.errorf(s.Pos, "synonym: use either \"words\" (all mean the same) or \"from\" and \"to\" (one way), not both")
		case len(s.Words) == 1:
			c.errorf(s.Pos.At("words"), "synonym: \"words\" needs at least two words that mean the same")
		case len(s.Words) == 0 && (len(s.From) == 0 || len(s.To) == 0):
			c.errorf(s.Pos, "synonym: needs \"words\" (at least two) or both \"from\" and \"to\"")
		}
		for _, w := range s.Terms() {
			if strings.TrimSpace(w) == "" {
				c.errorf(s.Pos, "synonym: empty word")
			}
		}
	}
	return c.ps
}

func (b *Base) checkTopic(c *checker, t *Topic, categories map[string]bool) {
	what := fmt.Sprintf("topic %q", t.ID)
	c.id(t.Pos, "topic", t.ID)
	if t.Category == "" {
		c.errorf(t.Pos, "%s: category is missing", what)
	} else if !categories[t.Category] {
		c.errorf(t.Pos.At("category"), "%s: unknown category %q", what, t.Category)
	}
	c.text(t.Pos, "title", t.Title, true)
	c.text(t.Pos, "summary", t.Summary, true)
	for _, s := range t.Sections() {
		if !s.Text.IsZero() {
			c.text(t.Pos, s.Key, s.Text, false)
		}
	}
	c.text(t.Pos, "unknown", t.Unknown, false)
	texts := append([]Section{{Key: "summary", Text: t.Summary}}, t.Sections()...)
	for _, s := range append(texts, Section{Key: "unknown", Text: t.Unknown}) {
		c.amounts(t.Pos, what, s.Key, s.Text)
	}
	seen := map[string]bool{}
	servedBy := map[string]string{}
	for i, id := range t.Offices {
		p := t.Pos.At(fmt.Sprintf("offices[%d]", i))
		o := b.offices[id]
		switch {
		case o == nil:
			c.errorf(p, "%s: office %q does not exist", what, id)
		case seen[id]:
			c.errorf(p, "%s: office %q is listed twice", what, id)
		case t.LocalOffices:
			for _, d := range o.Districts {
				if other, ok := servedBy[d]; ok {
					c.errorf(p, "%s: offices %q and %q both serve district %q; with local_offices each district needs one office", what, other, id, d)
				}
				servedBy[d] = id
			}
		}
		seen[id] = true
	}
	if t.NeedSpan != "" && t.NeedSpan != SpanLasting && t.NeedSpan != SpanTemporary && t.NeedSpan != SpanWorking {
		c.errorf(t.Pos.At("need_span"), "%s: need_span is %q; it can be %q, %q or %q", what, t.NeedSpan, SpanLasting, SpanTemporary, SpanWorking)
	}
	if t.LocalOffices && len(t.Offices) == 0 {
		c.errorf(t.Pos.At("local_offices"), "%s: local_offices needs a list of offices", what)
	}
	for i, l := range t.Links {
		c.url(t.Pos.At(fmt.Sprintf("links[%d].url", i)), what, l.URL)
		c.text(t.Pos, fmt.Sprintf("links[%d].title", i), l.Title, true)
	}
	c.sources(t.Pos, what, t.Sources)
	c.reviewed(t.Pos, what, t.Reviewed)
	c.checked(t.Pos, what, t.Checked)
	for _, lang := range []string{"de", "en"} {
		n := 0
		for _, s := range t.Sections() {
			n += utf8.RuneCountInString(s.Text.In(lang))
		}
		n += utf8.RuneCountInString(t.Summary.In(lang))
		if n > MaxAnswerChars {
			c.warnf(t.Pos, "%s: the %s answer has %d characters; above %d it will be split over several Telegram messages", what, lang, n, MaxAnswerChars)
		}
	}
}

func (b *Base) checkOffice(c *checker, o *Office) {
	what := fmt.Sprintf("office %q", o.ID)
	c.id(o.Pos, "office", o.ID)
	c.text(o.Pos, "name", o.Name, true)
	for i, d := range o.Districts {
		if b.districts[d] == nil {
			c.errorf(o.Pos.At(fmt.Sprintf("districts[%d]", i)), "%s: unknown Stadtbezirk %q (known: %s)", what, d, strings.Join(b.districtIDs(), ", "))
		}
	}
	if o.Address != nil {
		if strings.TrimSpace(o.Address.Street) == "" || strings.TrimSpace(o.Address.City) == "" {
			c.errorf(o.Pos.At("address"), "%s: an address needs street and city; leave the address out if it is not known", what)
		}
		pc := o.Address.Postcode
		switch {
		case pc != "" && !postcodePattern.MatchString(pc):
			c.errorf(o.Pos.At("address.postcode"), "%s: postcode %q must have five digits", what, pc)
		case pc != "" && strings.EqualFold(strings.TrimSpace(o.Address.City), "Dortmund") && !IsDortmundPostcode(pc):
			c.errorf(o.Pos.At("address.postcode"), "%s: postcode %q is not a Dortmund postcode (%s to %s); check it, or the city", what, pc, MinPostcode, MaxPostcode)
		}
	}
	for key, numbers := range map[string][]string{"phone": o.Phone, "fax": o.Fax} {
		for i, n := range numbers {
			if msg := checkPhone(n); msg != "" {
				c.errorf(o.Pos.At(fmt.Sprintf("%s[%d]", key, i)), "%s: %s %q %s", what, key, n, msg)
			}
		}
	}
	for i, e := range o.Email {
		if !emailPattern.MatchString(e) {
			c.errorf(o.Pos.At(fmt.Sprintf("email[%d]", i)), "%s: e-mail %q is not a valid address", what, e)
		}
	}
	if o.Web != "" {
		c.url(o.Pos.At("web"), what, o.Web)
	}
	for i, h := range o.Hours {
		p := o.Pos.At(fmt.Sprintf("hours[%d]", i))
		if len(h.Days) == 0 {
			c.errorf(p, "%s: opening hours need days (Mo, Di, Mi, Do, Fr, Sa, So)", what)
		}
		for _, d := range h.Days {
			if weekdayIndex(d) < 0 {
				c.errorf(p, "%s: unknown weekday %q; write Mo, Di, Mi, Do, Fr, Sa or So", what, d)
			}
		}
		if msg := checkTimeSpan(h.Time); msg != "" {
			c.errorf(o.Pos.At(fmt.Sprintf("hours[%d].time", i)), "%s: opening time %q %s", what, h.Time, msg)
		}
	}
	for i, a := range o.Audience {
		if !slices.Contains(Audiences, a) {
			c.errorf(o.Pos.At(fmt.Sprintf("audience[%d]", i)), "%s: unknown audience %q; write %s", what, a, strings.Join(Audiences, ", "))
		}
	}
	if len(o.Phone) == 0 && len(o.Email) == 0 && o.Web == "" {
		c.errorf(o.Pos, "%s: give at least one way to reach it (phone, e-mail or web); use the city's central number 0231 50-0 if nothing else is known", what)
	}
	if o.Address == nil && o.Unknown.IsZero() {
		c.warnf(o.Pos, "%s: no address and no \"unknown\" note saying so", what)
	}
	if len(o.Hours) == 0 && o.HoursNote.IsZero() {
		c.warnf(o.Pos, "%s: no opening hours", what)
	}
	if o.Geo == nil {
		c.warnf(o.Pos, "%s: no coordinates, so the bot cannot show it on the map", what)
	} else {
		c.geo(o.Pos.At("geo"), what, *o.Geo)
	}
	c.text(o.Pos, "hours_note", o.HoursNote, false)
	c.text(o.Pos, "unknown", o.Unknown, false)
	c.sources(o.Pos, what, o.Sources)
	c.reviewed(o.Pos, what, o.Reviewed)
	c.checked(o.Pos, what, o.Checked)
}

func (b *Base) districtIDs() []string {
	ids := make([]string, len(b.Districts))
	for i, d := range b.Districts {
		ids[i] = d.ID
	}
	return ids
}

func weekdayIndex(day string) int {
	for i, d := range Weekdays {
		if d == day {
			return i
		}
	}
	return -1
}

// checkPhone returns what is wrong with a German phone number, or "".
func checkPhone(n string) string {
	digits := 0
	for _, r := range n {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	switch {
	case strings.HasSuffix(strings.TrimSpace(n), "-"):
		return "is incomplete"
	case !phonePattern.MatchString(n):
		return "is not a phone number; write it as 0231 50-12345"
	case digits < 6:
		return "is too short"
	case digits > 15:
		return "is too long"
	}
	return ""
}

// checkTimeSpan returns what is wrong with "09:00-12:00", or "".
func checkTimeSpan(s string) string {
	m := timeSpanPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "must be written as 09:00-12:00"
	}
	from := m[1] + m[2]
	to := m[3] + m[4]
	if from >= to {
		return "ends before it starts"
	}
	if to > "2400" {
		return "ends after midnight"
	}
	return ""
}

func (c *checker) id(p Pos, kind, id string) {
	switch {
	case id == "":
		c.errorf(p, "%s without id", kind)
	case !idPattern.MatchString(id):
		c.errorf(p.At("id"), "%s id %q may only hold lower-case letters, digits and single dashes (e.g. seniorenbuero-eving)", kind, id)
	}
}

func (c *checker) text(p Pos, key string, t Text, required bool) {
	if strings.TrimSpace(t.DE) == "" {
		if required || strings.TrimSpace(t.EN) != "" {
			c.errorf(p.At(key), "%s: German text is missing", key)
		}
		return
	}
	if strings.TrimSpace(t.EN) == "" {
		c.warnf(p.At(key), "%s: English text is missing", key)
	}
}

// amounts reports the sentences of a text that name an amount in euros but
// not when it applies (see amounts.go).
func (c *checker) amounts(p Pos, what, key string, t Text) {
	for _, lang := range []string{"de", "en"} {
		text := t.DE
		if lang == "en" {
			text = t.EN
		}
		for _, s := range undatedAmounts(text) {
			if r := []rune(s); len(r) > 90 {
				s = string(r[:87]) + "..."
			}
			c.errorf(p.At(key+"."+lang), "%s: %s.%s: say in the same sentence since when the amount applies (\"ab 1. Januar 2026\", \"Stand 2026\"; \"ohne Datum\" if the source has no date): %q", what, key, lang, s)
		}
	}
}

// Dortmund's postcodes lie in this range.
const (
	MinPostcode = "44135"
	MaxPostcode = "44388"
)

// IsDortmundPostcode reports whether a five-digit postcode lies in Dortmund's
// range. A Dortmund postcode that no district lists (DistrictsOfPostcode
// returns nothing) is one whose Stadtbezirk the sources do not tell: the bot
// asks for the Stadtteil instead of guessing.
func IsDortmundPostcode(code string) bool {
	return postcodePattern.MatchString(code) && code >= MinPostcode && code <= MaxPostcode
}

func (c *checker) url(p Pos, what, raw string) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(raw, " \t") {
		c.errorf(p, "%s: %q is not a web address (it must start with https://)", what, raw)
	}
}

func (c *checker) sources(p Pos, what string, sources []Citation) {
	if len(sources) == 0 {
		c.warnf(p, "%s: no source; add the web page the facts come from", what)
	}
	for i, s := range sources {
		at := fmt.Sprintf("sources[%d]", i)
		switch {
		case s.URL == "" && p.has(at+".url"):
			// present but not a single value: the decoder has reported it already
		case s.URL == "":
			c.errorf(p.At(at), "%s: source without url; give the web page's address", what)
		default:
			c.url(p.At(at+".url"), what, s.URL)
		}
		if s.Year != 0 && (s.Year < minSourceYear || s.Year > c.opts.Now.Year()) {
			c.errorf(p.At(at+".year"), "%s: source year %d is not possible; give the year the page was published or last updated (%d to %d)", what, s.Year, minSourceYear, c.opts.Now.Year())
		}
		if localPath.MatchString(s.Note) {
			c.errorf(p.At(at+".note"), "%s: a source note must not point to files on a computer; name the web page instead", what)
		}
	}
}

// localPath finds references to research notes and folders of a machine,
// which mean nothing to a reader of the knowledge base.
var localPath = regexp.MustCompile(`(?i)facts-dortmund|\.md\b|(^|[\s(])(/work|/home|/tmp|\.\./|[a-z]:\\)`)

// checked reports a "checked with the office" date in the future.
func (c *checker) checked(p Pos, what string, d Date) {
	if !d.IsZero() && d.After(c.opts.Now) {
		c.errorf(p.At("checked"), "%s: checked date %s is in the future", what, d)
	}
}

func (c *checker) reviewed(p Pos, what string, d Date) {
	switch {
	case d.IsZero() && p.has("reviewed"):
		// present but unreadable: the decoder has reported it already
	case d.IsZero():
		c.errorf(p, "%s: \"reviewed\" date is missing (YYYY-MM-DD)", what)
	case d.After(c.opts.Now):
		c.errorf(p.At("reviewed"), "%s: reviewed date %s is in the future", what, d)
	case c.opts.Now.Sub(d.Time) > c.opts.MaxAge:
		c.warnf(p.At("reviewed"), "%s: last reviewed %s, more than %d days ago; please check it", what, d, int(c.opts.MaxAge/(24*time.Hour)))
	}
}

func (c *checker) geo(p Pos, what string, g Geo) {
	switch {
	case g.Lat < -90 || g.Lat > 90 || g.Lon < -180 || g.Lon > 180:
		c.errorf(p, "%s: coordinates %v,%v are not on earth", what, g.Lat, g.Lon)
	case g.Lat < 51 || g.Lat > 52 || g.Lon < 6.8 || g.Lon > 8:
		c.warnf(p, "%s: coordinates %v,%v are far from Dortmund; lat and lon swapped?", what, g.Lat, g.Lon)
	}
}

// Section is one part of a topic's full answer.
type Section struct {
	Key   string // the YAML key, e.g. "bring"
	Title Text   // the heading citizens read
	Text  Text
}

// Sections returns the parts of the full answer in reading order, including
// empty ones.
func (t *Topic) Sections() []Section {
	return []Section{
		{"who", Text{DE: "Wer bekommt es?", EN: "Who can get it?"}, t.Who},
		{"what", Text{DE: "Was gibt es?", EN: "What does it give?"}, t.What},
		{"how", Text{DE: "Wie beantrage ich es?", EN: "How do I apply?"}, t.How},
		{"bring", Text{DE: "Was muss ich mitbringen?", EN: "What do I need to bring?"}, t.Bring},
		{"costs", Text{DE: "Kosten", EN: "Costs"}, t.Costs},
		{"deadlines", Text{DE: "Fristen", EN: "Deadlines"}, t.Deadlines},
		{"legal", Text{DE: "Rechtsgrundlage", EN: "Legal basis"}, t.Legal},
	}
}
