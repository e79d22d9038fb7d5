package knowledge

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ReviewOptions tune NewReport. The zero value is ready to use.
type ReviewOptions struct {
	// Now is today. Zero means time.Now.
	Now time.Time
	// MaxAge is how old a review may be before the entry is due. Zero means
	// DefaultMaxAge, as for Load.
	MaxAge time.Duration
	// SynonymsSeen holds the keys (see SynonymKey) of the synonym groups that
	// citizens' questions used, e.g. from the insights store. Nil means not
	// known: the report then does not say which synonyms never matched.
	SynonymsSeen map[string]bool
	// SeenDays is how many days SynonymsSeen covers, for the wording.
	SeenDays int
}

// SoonWindow is how far ahead a report looks for entries that will soon be due.
const SoonWindow = 28 * 24 * time.Hour

// Report tells the team who keeps the knowledge base what needs their
// attention: what is due for review, what is missing, which synonyms never
// matched. Write it with WriteText or WriteMarkdown.
type Report struct {
	Now    time.Time
	MaxAge time.Duration
	// Due are the entries reviewed longer than MaxAge ago, oldest first.
	Due []ReviewItem
	// Soon are the entries that will be due within SoonWindow, soonest first.
	Soon []ReviewItem
	// Gaps are the facts known to be missing, by kind, then file and line.
	Gaps []Gap
	// UnusedSynonyms are the synonym groups no question used; empty when
	// SynonymsKnown is false.
	UnusedSynonyms []SynonymItem
	SynonymsKnown  bool
	SeenDays       int
	Counts         ReportCounts
}

// ReportCounts sum up a knowledge base and its report.
type ReportCounts struct {
	Categories, Topics, Offices, Districts, Synonyms int
	// Warnings are all of Load's warnings; `sozialbot validate` lists them.
	Warnings int
	Due      int
	Soon     int
	Gaps     int
	Unused   int
}

// ReviewItem is one entry with its review date.
type ReviewItem struct {
	Kind     string // "topic", "office", "crisis line" or "district"
	ID       string
	Name     string // the German title or name
	Reviewed Date
	// Days is how many days ago it was reviewed.
	Days int
	// Pos is where the reviewed date stands.
	Pos Pos
}

// GapKind says what is missing.
type GapKind int

// The kinds of gaps, in the order a report lists them.
const (
	GapSource  GapKind = iota // no web page the facts come from
	GapPhone                  // an office without a phone number
	GapHours                  // an office without a table of opening hours
	GapAddress                // an office without an address
	GapGeo                    // an office without coordinates
	GapUnknown                // an "unknown" note: what staff could not confirm
)

var gapTitles = map[GapKind]string{
	GapSource:  "No source",
	GapPhone:   "No phone number",
	GapHours:   "No opening hours",
	GapAddress: "No address",
	GapGeo:     "No coordinates",
	GapUnknown: "Open questions (\"unknown\" notes)",
}

func (k GapKind) String() string { return gapTitles[k] }

// Gap is one fact known to be missing from one entry.
type Gap struct {
	Kind      GapKind
	EntryKind string // "topic", "office" or "district"
	ID        string
	Name      string
	// Note is what the entry itself says about the gap (German), if anything.
	Note string
	Pos  Pos
}

// SynonymItem is one synonym group of the knowledge base.
type SynonymItem struct {
	Key   string
	Terms []string
	Pos   Pos
}

// SynonymKey names a synonym group: its first word as written in the YAML
// file ("obdachlos" for words: [obdachlos, wohnungslos], "Hartz IV" for
// from: [Hartz IV, ...]). The index reports the groups a question used by
// this key, and the insights store counts them.
func SynonymKey(s Synonym) string {
	if terms := s.Terms(); len(terms) > 0 {
		return terms[0]
	}
	return ""
}

// NewReport reviews a loaded knowledge base. It never fails and does not
// change b.
func NewReport(b *Base, opts ReviewOptions) *Report {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.MaxAge == 0 {
		opts.MaxAge = DefaultMaxAge
	}
	r := &Report{Now: opts.Now, MaxAge: opts.MaxAge, SynonymsKnown: opts.SynonymsSeen != nil, SeenDays: opts.SeenDays}

	review := func(kind, id, name string, d Date, p Pos) {
		if d.IsZero() {
			return
		}
		item := ReviewItem{Kind: kind, ID: id, Name: name, Reviewed: d, Days: int(opts.Now.Sub(d.Time) / (24 * time.Hour)), Pos: p.At("reviewed")}
		age := opts.Now.Sub(d.Time)
		switch {
		case age > opts.MaxAge:
			r.Due = append(r.Due, item)
		case age+SoonWindow > opts.MaxAge:
			r.Soon = append(r.Soon, item)
		}
	}
	gap := func(k GapKind, kind, id, name, note string, p Pos) {
		r.Gaps = append(r.Gaps, Gap{Kind: k, EntryKind: kind, ID: id, Name: name, Note: oneLine(note), Pos: p})
	}

	for _, t := range b.Topics {
		review("topic", t.ID, t.Title.DE, t.Reviewed, t.Pos)
		if len(t.Sources) == 0 {
			gap(GapSource, "topic", t.ID, t.Title.DE, "", t.Pos)
		}
		if !t.Unknown.IsZero() {
			gap(GapUnknown, "topic", t.ID, t.Title.DE, t.Unknown.DE, t.Pos.At("unknown"))
		}
	}
	for _, o := range b.Offices {
		name := o.Name.DE
		review("office", o.ID, name, o.Reviewed, o.Pos)
		if len(o.Sources) == 0 {
			gap(GapSource, "office", o.ID, name, "", o.Pos)
		}
		if len(o.Phone) == 0 {
			gap(GapPhone, "office", o.ID, name, "", o.Pos)
		}
		if len(o.Hours) == 0 {
			gap(GapHours, "office", o.ID, name, o.HoursNote.DE, o.Pos.At("hours_note"))
		}
		if o.Address == nil {
			gap(GapAddress, "office", o.ID, name, "", o.Pos)
		}
		if o.Geo == nil {
			gap(GapGeo, "office", o.ID, name, "", o.Pos)
		}
		if !o.Unknown.IsZero() {
			gap(GapUnknown, "office", o.ID, name, o.Unknown.DE, o.Pos.At("unknown"))
		}
	}
	// Crisis lines are due like every entry: a wrong emergency number is the
	// worst fact the bot could hold.
	for _, l := range b.Helplines {
		review("crisis line", l.ID, l.Name.DE, l.Reviewed, l.Pos)
	}
	for _, d := range b.Districts {
		review("district", d.ID, d.Name, d.Reviewed, d.Pos)
		if len(d.Sources) == 0 {
			gap(GapSource, "district", d.ID, d.Name, "", d.Pos)
		}
	}
	if r.SynonymsKnown {
		for _, s := range b.Synonyms {
			if key := SynonymKey(s); !opts.SynonymsSeen[key] {
				r.UnusedSynonyms = append(r.UnusedSynonyms, SynonymItem{Key: key, Terms: s.Terms(), Pos: s.Pos})
			}
		}
	}

	byPos := func(a, b Pos) bool {
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	}
	byDate := func(items []ReviewItem) {
		sort.SliceStable(items, func(i, j int) bool {
			if !items[i].Reviewed.Equal(items[j].Reviewed.Time) {
				return items[i].Reviewed.Before(items[j].Reviewed.Time)
			}
			return byPos(items[i].Pos, items[j].Pos)
		})
	}
	byDate(r.Due)
	byDate(r.Soon)
	sort.SliceStable(r.Gaps, func(i, j int) bool {
		if r.Gaps[i].Kind != r.Gaps[j].Kind {
			return r.Gaps[i].Kind < r.Gaps[j].Kind
		}
		return byPos(r.Gaps[i].Pos, r.Gaps[j].Pos)
	})

	r.Counts = ReportCounts{
		Categories: len(b.Categories),
		Topics:     len(b.Topics),
		Offices:    len(b.Offices),
		Districts:  len(b.Districts),
		Synonyms:   len(b.Synonyms),
		Warnings:   len(b.Warnings),
		Due:        len(r.Due),
		Soon:       len(r.Soon),
		Gaps:       len(r.Gaps),
		Unused:     len(r.UnusedSynonyms),
	}
	return r
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// dueBy returns the day an entry reviewed on d falls due.
func (r *Report) dueBy(d Date) string { return d.Add(r.MaxAge).Format(dateLayout) }

func (r *Report) maxAgeDays() int { return int(r.MaxAge / (24 * time.Hour)) }

func (r *Report) gapsBy() ([]GapKind, map[GapKind][]Gap) {
	groups := map[GapKind][]Gap{}
	var kinds []GapKind
	for _, g := range r.Gaps {
		if len(groups[g.Kind]) == 0 {
			kinds = append(kinds, g.Kind)
		}
		groups[g.Kind] = append(groups[g.Kind], g)
	}
	return kinds, groups
}

func (r *Report) seenWindow() string {
	if r.SeenDays > 0 {
		return fmt.Sprintf("in the last %d days", r.SeenDays)
	}
	return "in the recorded questions"
}

// WriteText writes the report as plain text, one finding per line in the
// form file:line:col, as editors and terminals can jump to. It returns the
// writer's error.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	c := r.Counts
	fmt.Fprintf(&b, "Knowledge base review of %s\n", r.Now.Format(dateLayout))
	fmt.Fprintf(&b, "%d topics, %d offices, %d districts, %d categories, %d synonym groups; %d warnings (sozialbot validate lists them)\n",
		c.Topics, c.Offices, c.Districts, c.Categories, c.Synonyms, c.Warnings)

	item := func(it ReviewItem, tail string) {
		fmt.Fprintf(&b, "  %s: %s %q %s: reviewed %s, %s\n", it.Pos, it.Kind, it.ID, it.Name, it.Reviewed, tail)
	}
	fmt.Fprintf(&b, "\nDue for review (reviewed more than %d days ago), oldest first: %d\n", r.maxAgeDays(), c.Due)
	for _, it := range r.Due {
		item(it, fmt.Sprintf("%d days ago", it.Days))
	}
	fmt.Fprintf(&b, "\nDue in the next %d days: %d\n", int(SoonWindow/(24*time.Hour)), c.Soon)
	for _, it := range r.Soon {
		item(it, "due on "+r.dueBy(it.Reviewed))
	}

	fmt.Fprintf(&b, "\nMissing: %d\n", c.Gaps)
	kinds, groups := r.gapsBy()
	for _, k := range kinds {
		fmt.Fprintf(&b, "  %s: %d\n", k, len(groups[k]))
		for _, g := range groups[k] {
			fmt.Fprintf(&b, "    %s: %s %q %s", g.Pos, g.EntryKind, g.ID, g.Name)
			if g.Note != "" {
				fmt.Fprintf(&b, ": %s", g.Note)
			}
			b.WriteByte('\n')
		}
	}

	if !r.SynonymsKnown {
		b.WriteString("\nSynonyms that never matched: not known (run with --state DIR of the running bot)\n")
	} else {
		fmt.Fprintf(&b, "\nSynonyms no question used %s: %d of %d\n", r.seenWindow(), c.Unused, c.Synonyms)
		for _, s := range r.UnusedSynonyms {
			fmt.Fprintf(&b, "  %s: %s\n", s.Pos, strings.Join(s.Terms, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the report as a Markdown document to share with the
// team, e.g. in a wiki or a pull request. It returns the writer's error.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	c := r.Counts
	fmt.Fprintf(&b, "# Knowledge base review of %s\n\n", r.Now.Format(dateLayout))
	b.WriteString("| | count |\n| --- | ---: |\n")
	rows := []struct {
		name string
		n    int
	}{
		{"Topics", c.Topics}, {"Offices", c.Offices}, {"Districts", c.Districts}, {"Categories", c.Categories},
		{"Synonym groups", c.Synonyms}, {"Warnings (`sozialbot validate`)", c.Warnings},
		{fmt.Sprintf("Due for review (older than %d days)", r.maxAgeDays()), c.Due},
		{fmt.Sprintf("Due in the next %d days", int(SoonWindow/(24*time.Hour))), c.Soon},
		{"Missing facts", c.Gaps},
	}
	for _, row := range rows {
		fmt.Fprintf(&b, "| %s | %d |\n", row.name, row.n)
	}
	if r.SynonymsKnown {
		fmt.Fprintf(&b, "| Synonym groups never used | %d |\n", c.Unused)
	}

	items := func(list []ReviewItem, last string, value func(ReviewItem) string) {
		if len(list) == 0 {
			b.WriteString("Nothing.\n")
			return
		}
		fmt.Fprintf(&b, "| Entry | Reviewed | %s | Where |\n| --- | --- | ---: | --- |\n", last)
		for _, it := range list {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdEntry(it.Kind, it.ID, it.Name), it.Reviewed, value(it), mdPos(it.Pos))
		}
	}
	fmt.Fprintf(&b, "\n## Due for review\n\nReviewed more than %d days ago, oldest first.\n\n", r.maxAgeDays())
	items(r.Due, "Days ago", func(it ReviewItem) string { return strconv.Itoa(it.Days) })
	fmt.Fprintf(&b, "\n## Due in the next %d days\n\n", int(SoonWindow/(24*time.Hour)))
	items(r.Soon, "Due on", func(it ReviewItem) string { return r.dueBy(it.Reviewed) })

	b.WriteString("\n## Missing\n")
	kinds, groups := r.gapsBy()
	if len(kinds) == 0 {
		b.WriteString("\nNothing.\n")
	}
	for _, k := range kinds {
		fmt.Fprintf(&b, "\n### %s (%d)\n\n", k, len(groups[k]))
		b.WriteString("| Entry | Note | Where |\n| --- | --- | --- |\n")
		for _, g := range groups[k] {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", mdEntry(g.EntryKind, g.ID, g.Name), mdCell(g.Note), mdPos(g.Pos))
		}
	}

	b.WriteString("\n## Synonyms that never matched\n\n")
	switch {
	case !r.SynonymsKnown:
		b.WriteString("Not known: run `sozialbot review --state DIR` with the state folder of the running bot.\n")
	case len(r.UnusedSynonyms) == 0:
		fmt.Fprintf(&b, "Every synonym group was used %s.\n", r.seenWindow())
	default:
		fmt.Fprintf(&b, "No question used these %s. Are they the words citizens really write?\n\n", r.seenWindow())
		b.WriteString("| Words | Where |\n| --- | --- |\n")
		for _, s := range r.UnusedSynonyms {
			fmt.Fprintf(&b, "| %s | %s |\n", mdCell(strings.Join(s.Terms, ", ")), mdPos(s.Pos))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEntry(kind, id, name string) string {
	return fmt.Sprintf("%s (%s `%s`)", mdCell(name), kind, id)
}

func mdPos(p Pos) string { return fmt.Sprintf("`%s:%d`", p.File, p.Line) }

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = oneLine(s)
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	return s
}

// ParseAge reads a review age as staff write it: "183" or "183d" (days), "26w"
// (weeks), "6mo" (months of 30.5 days, so 6mo is 183 days), "1y" (365 days),
// or a Go duration such as "4392h". It returns an error for anything else,
// and for ages that are not positive.
func ParseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	const day = 24 * time.Hour
	units := []struct {
		suffix string
		size   time.Duration
	}{{"mo", day * 61 / 2}, {"d", day}, {"w", 7 * day}, {"y", 365 * day}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			n, err := strconv.ParseFloat(num, 64)
			if err != nil || n <= 0 {
				break
			}
			return time.Duration(n * float64(u.size)).Round(time.Hour), nil
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 { // plain days, as `validate --max-age 183`
		return time.Duration(n) * day, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d, nil
	}
	return 0, fmt.Errorf("age %q: write it as 183d, 26w, 6mo or 1y", s)
}
