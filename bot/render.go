package bot

import (
	"net/url"
	"strings"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// reply is one answer of the bot: an HTML text (split into several messages
// when it is long, the keyboard going with the last one), and the offices
// to show on the map afterwards.
type reply struct {
	text   string
	markup models.ReplyMarkup
	venues []venue
}

// venue is an office on the map (sendVenue).
type venue struct {
	title, address string
	lat, lon       float64
}

// venueOf is the map pin of an office; the office must have Geo.
func venueOf(o *knowledge.Office, lang string) venue {
	v := venue{title: officeName(o, lang), address: "Dortmund", lat: o.Geo.Lat, lon: o.Geo.Lon}
	if o.Address != nil {
		v.address = o.Address.String()
	}
	return v
}

// paragraphs joins the non-empty blocks of a message with blank lines.
func paragraphs(blocks ...string) string {
	var out []string
	for _, b := range blocks {
		if strings.TrimSpace(b) != "" {
			out = append(out, strings.TrimSpace(b))
		}
	}
	return strings.Join(out, "\n\n")
}

func bold(s string) string { return "<b>" + esc(s) + "</b>" }

// section is a heading and a text, both data.
func section(heading, text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return bold(heading) + "\n" + esc(strings.TrimSpace(text))
}

func link(rawURL, text string) string {
	return `<a href="` + esc(rawURL) + `">` + esc(text) + `</a>`
}

// shortURL is how a web address reads in a message: host and path, no scheme.
func shortURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	s := strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// footer is the source links and the review date of a topic or office.
func footer(sources []string, reviewed knowledge.Date, lang string) string {
	var parts []string
	var links []string
	for i, s := range sources {
		if i == 3 {
			break
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			continue
		}
		links = append(links, link(s, strings.TrimPrefix(u.Host, "www.")))
	}
	if len(links) > 0 {
		parts = append(parts, tr(lang, lblSource)+": "+strings.Join(links, ", "))
	}
	if d := reviewedDate(reviewed, lang); d != "" {
		parts = append(parts, tr(lang, lblReviewed)+": "+esc(d))
	}
	if len(parts) == 0 {
		return ""
	}
	return "<i>" + strings.Join(parts, " · ") + "</i>"
}

// hoursText renders opening hours: "Mo, Do 08:00–10:00; Di 14:00–16:00".
func hoursText(hours []knowledge.Hours, lang string) string {
	var lines []string
	for _, h := range hours {
		days := daysText(h.Days, lang)
		span := timeSpan(h.Time)
		lines = append(lines, strings.TrimSpace(days+" "+span))
	}
	return strings.Join(lines, "; ")
}

// daysText writes three or more consecutive weekdays as a range: Mo–Fr.
func daysText(days []string, lang string) string {
	idx := make([]int, 0, len(days))
	for _, d := range days {
		i := weekday(d)
		if i < 0 {
			// Not a weekday we know: write the days as they are.
			return strings.Join(days, ", ")
		}
		idx = append(idx, i)
	}
	name := func(i int) string {
		if lang == "en" {
			return weekdaysEN[i]
		}
		return knowledge.Weekdays[i]
	}
	var out []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			out = append(out, name(idx[i])+"–"+name(idx[j]))
		default:
			for k := i; k <= j; k++ {
				out = append(out, name(idx[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(out, ", ")
}

func weekday(d string) int {
	for i, w := range knowledge.Weekdays {
		if w == d {
			return i
		}
	}
	return -1
}

// timeSpan writes "08:00-10:00" as "08:00–10:00".
func timeSpan(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"–", "-"} {
		if from, to, ok := strings.Cut(s, sep); ok {
			return strings.TrimSpace(from) + "–" + strings.TrimSpace(to)
		}
	}
	return s
}

// officeName is the office's name in lang.
func officeName(o *knowledge.Office, lang string) string { return o.Name.In(lang) }

// contactLines are the ways to reach an office, one per line: address,
// hours, phone, e-mail; full adds fax, web, languages and operator.
func contactLines(o *knowledge.Office, lang string, full bool) []string {
	label := func(key msgKey) string { return tr(lang, key) + ": " }
	var lines []string
	if o.Address != nil {
		addr := esc(o.Address.String())
		if note := o.Address.Note.In(lang); strings.TrimSpace(note) != "" {
			addr += " (" + esc(strings.TrimSpace(note)) + ")"
		}
		lines = append(lines, label(lblAddress)+addr)
	} else {
		lines = append(lines, label(lblAddress)+tr(lang, lblAddressUnknown))
	}
	switch {
	case len(o.Hours) > 0:
		lines = append(lines, label(lblHours)+esc(hoursText(o.Hours, lang)))
		if note := strings.TrimSpace(o.HoursNote.In(lang)); note != "" {
			lines = append(lines, esc(note))
		}
	case !o.HoursNote.IsZero():
		lines = append(lines, label(lblHours)+esc(strings.TrimSpace(o.HoursNote.In(lang))))
	default:
		lines = append(lines, label(lblHours)+tr(lang, lblHoursUnknown))
	}
	if len(o.Phone) > 0 {
		lines = append(lines, label(lblPhone)+esc(strings.Join(o.Phone, ", ")))
	}
	if full && len(o.Fax) > 0 {
		lines = append(lines, label(lblFax)+esc(strings.Join(o.Fax, ", ")))
	}
	if len(o.Email) > 0 {
		lines = append(lines, label(lblEmail)+esc(strings.Join(o.Email, ", ")))
	}
	if o.Web != "" && (full || len(o.Phone) == 0 && len(o.Email) == 0) {
		lines = append(lines, label(lblWeb)+link(o.Web, shortURL(o.Web)))
	}
	if full && len(o.Languages) > 0 {
		lines = append(lines, label(lblLanguages)+esc(strings.Join(o.Languages, ", ")))
	}
	if full && o.Operator != "" {
		lines = append(lines, label(lblOperator)+esc(o.Operator))
	}
	return lines
}

// officeText is an office's full card: name, how to reach it, what is not
// known, source and review date.
func officeText(o *knowledge.Office, lang string) string {
	return paragraphs(
		bold(officeName(o, lang))+"\n"+strings.Join(contactLines(o, lang, true), "\n"),
		section(tr(lang, lblUnknown), o.Unknown.In(lang)),
		footer(knowledge.SourceURLs(o.Sources), o.Reviewed, lang),
	)
}

// essentials are the sections of a topic shown on its card; the others
// come with "Was brauche ich?".
var essentials = map[string]bool{"what": true, "costs": true, "deadlines": true}

// cardOffice is the office shown on a topic's card, and a note when there
// is none: for local offices the one of the district (if known), else the
// first office the topic lists.
func cardOffice(kb *knowledge.Base, t *knowledge.Topic, district, lang string) (*knowledge.Office, string) {
	offices := kb.OfficesOf(t)
	if len(offices) == 0 {
		return nil, ""
	}
	if t.LocalOffices {
		if district == "" {
			return nil, tr(lang, msgLocalHint)
		}
		if o := kb.DistrictOfficeFor(t, district); o != nil {
			return o, ""
		}
		return nil, tr(lang, msgNoDistrictOffice, esc(districtName(kb, district)))
	}
	if len(offices) > 1 {
		return offices[0], tr(lang, msgMoreOffices)
	}
	return offices[0], ""
}

func districtName(kb *knowledge.Base, id string) string {
	if d := kb.District(id); d != nil {
		return d.Name
	}
	return id
}

// topicText is a topic's answer card: title, summary, the essentials, the
// responsible office, what is not known, links, source and review date.
// With allOffices every office of the topic is shown in full (for /kontakt).
// It returns the offices shown.
func topicText(kb *knowledge.Base, t *knowledge.Topic, district, lang string, allOffices bool) (string, []*knowledge.Office) {
	blocks := []string{bold(t.Title.In(lang)) + "\n" + esc(strings.TrimSpace(t.Summary.In(lang)))}
	for _, s := range t.Sections() {
		if essentials[s.Key] {
			blocks = append(blocks, section(s.Title.In(lang), s.Text.In(lang)))
		}
	}
	unknown := []string{t.Unknown.In(lang)}
	var shown []*knowledge.Office
	if allOffices {
		shown = kb.OfficesOf(t)
		for _, o := range shown {
			blocks = append(blocks, officeText(o, lang))
		}
	} else {
		o, note := cardOffice(kb, t, district, lang)
		if o != nil {
			lines := append([]string{bold(tr(lang, lblResponsible) + ": " + officeName(o, lang))}, contactLines(o, lang, false)...)
			blocks = append(blocks, strings.Join(lines, "\n"))
			unknown = append(unknown, o.Unknown.In(lang))
			shown = append(shown, o)
		}
		blocks = append(blocks, note)
	}
	var notes []string
	for _, u := range unknown {
		if strings.TrimSpace(u) != "" {
			notes = append(notes, esc(strings.TrimSpace(u)))
		}
	}
	if len(notes) > 0 {
		blocks = append(blocks, bold(tr(lang, lblUnknown))+"\n"+strings.Join(notes, "\n"))
	}
	blocks = append(blocks, linksText(t.Links, lang), footer(knowledge.SourceURLs(t.Sources), t.Reviewed, lang))
	return paragraphs(blocks...), shown
}

func linksText(links []knowledge.Link, lang string) string {
	if len(links) == 0 {
		return ""
	}
	lines := []string{bold(tr(lang, lblMore))}
	for _, l := range links {
		lines = append(lines, "• "+link(l.URL, l.Title.In(lang)))
	}
	return strings.Join(lines, "\n")
}

// hasDetails reports whether "Was brauche ich?" has something to show.
func hasDetails(t *knowledge.Topic) bool {
	for _, s := range t.Sections() {
		if !essentials[s.Key] && !s.Text.IsZero() {
			return true
		}
	}
	return false
}

// detailsText answers "Was brauche ich?": who, how, what to bring, the legal basis.
func detailsText(t *knowledge.Topic, lang string) string {
	blocks := []string{bold(t.Title.In(lang))}
	n := 0
	for _, s := range t.Sections() {
		if !essentials[s.Key] && !s.Text.IsZero() {
			blocks = append(blocks, section(s.Title.In(lang), s.Text.In(lang)))
			n++
		}
	}
	if n == 0 {
		blocks = append(blocks, tr(lang, msgNoDetails))
	}
	blocks = append(blocks, footer(knowledge.SourceURLs(t.Sources), t.Reviewed, lang))
	return paragraphs(blocks...)
}

// whereText answers "Wo und wann?" for a topic whose offices are not local:
// every office with address, hours and phone.
func whereText(kb *knowledge.Base, t *knowledge.Topic, lang string) (string, []*knowledge.Office) {
	offices := kb.OfficesOf(t)
	blocks := []string{bold(tr(lang, lblOffices) + ": " + t.Title.In(lang))}
	for _, o := range offices {
		blocks = append(blocks, officeText(o, lang))
	}
	if len(offices) == 0 {
		blocks = append(blocks, tr(lang, msgNoContact))
	}
	return paragraphs(blocks...), offices
}
