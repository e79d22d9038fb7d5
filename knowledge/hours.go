package knowledge

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	// The binary must tell opening hours right on machines without a
	// zoneinfo database (scratch containers, some Windows hosts): this embeds
	// the time zone data (~450 kB) as time.LoadLocation's fallback.
	_ "time/tzdata"
)

// berlin is the time zone of every office's opening hours.
var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		// Cannot happen with time/tzdata embedded; a fixed CET is still
		// better than UTC, which would be off by one or two hours.
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// OpenState says whether an office is open at a moment.
type OpenState struct {
	// Known is true when the office's opening hours are given.
	Known bool
	Open  bool
	// AllDay is true when the office is open 24 hours every day.
	AllDay bool
	// Until is when it closes, if open (zero for AllDay).
	Until time.Time
	// Next is the next opening, if closed; zero if none within 8 days.
	Next time.Time
}

// lookAhead is how far OpenAt looks for the next opening.
const lookAhead = 8

// AllDay reports whether the office is open 24 hours on every day of the
// week, also on public holidays (a shelter).
func (o *Office) AllDay() bool {
	for _, day := range Weekdays {
		if !slices.ContainsFunc(o.Hours, func(h Hours) bool {
			from, to, ok := parseSpan(h.Time)
			return ok && from == 0 && to == 24*60 && slices.Contains(h.Days, day)
		}) {
			return false
		}
	}
	return true
}

// OpenAt tells whether the office is open at t, read in Europe/Berlin. NRW
// public holidays count as closed unless the office is open all day every
// day. Spans that meet (Mo 20:00-24:00, Di 00:00-06:00) count as one.
func (o *Office) OpenAt(t time.Time) OpenState {
	if len(o.Hours) == 0 {
		return OpenState{}
	}
	if o.AllDay() {
		return OpenState{Known: true, Open: true, AllDay: true}
	}
	t = t.In(berlin)
	y, m, d := t.Date()
	type span struct{ from, to time.Time }
	var spans []span
	// Start the day before: a span that began yesterday may still run.
	for i := -1; i <= lookAhead; i++ {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, berlin)
		if _, holiday := HolidayNRW(day); holiday {
			continue
		}
		name := Weekdays[(int(day.Weekday())+6)%7]
		for _, h := range o.Hours {
			from, to, ok := parseSpan(h.Time)
			if !ok || !slices.Contains(h.Days, name) {
				continue
			}
			dy, dm, dd := day.Date()
			spans = append(spans, span{
				time.Date(dy, dm, dd, from/60, from%60, 0, 0, berlin),
				time.Date(dy, dm, dd, to/60, to%60, 0, 0, berlin),
			})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from.Compare(b.from) })
	var merged []span
	for _, s := range spans {
		if n := len(merged); n > 0 && !s.from.After(merged[n-1].to) {
			if s.to.After(merged[n-1].to) {
				merged[n-1].to = s.to
			}
			continue
		}
		merged = append(merged, s)
	}
	st := OpenState{Known: true}
	for _, s := range merged {
		switch {
		case !t.Before(s.from) && t.Before(s.to):
			st.Open, st.Until = true, s.to
			return st
		case s.from.After(t):
			st.Next = s.from
			return st
		}
	}
	return st
}

// parseSpan reads "09:00-12:00" as minutes since midnight.
func parseSpan(s string) (from, to int, ok bool) {
	m := timeSpanPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	from, to = n[0]*60+n[1], n[2]*60+n[3]
	return from, to, from < to && to <= 24*60
}

// HolidayNRW returns the name of the public holiday in North
// Rhine-Westphalia on the calendar day of day in Europe/Berlin.
func HolidayNRW(day time.Time) (name string, ok bool) {
	y, m, d := day.In(berlin).Date()
	date := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	fixed := map[string]string{
		"01-01": "Neujahr",
		"05-01": "Tag der Arbeit",
		"10-03": "Tag der Deutschen Einheit",
		"11-01": "Allerheiligen",
		"12-25": "1. Weihnachtstag",
		"12-26": "2. Weihnachtstag",
	}
	if name, ok := fixed[date.Format("01-02")]; ok {
		return name, true
	}
	easter := easterSunday(y)
	for _, h := range []struct {
		offset int
		name   string
	}{
		{-2, "Karfreitag"},
		{1, "Ostermontag"},
		{39, "Christi Himmelfahrt"},
		{50, "Pfingstmontag"},
		{60, "Fronleichnam"},
	} {
		if date.Equal(easter.AddDate(0, 0, h.offset)) {
			return h.name, true
		}
	}
	return "", false
}

// easterSunday computes Easter Sunday of the Gregorian calendar
// (the anonymous algorithm of Meeus/Jones/Butcher), at 00:00 UTC.
func easterSunday(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// String renders the state for logs and tests.
func (s OpenState) String() string {
	switch {
	case !s.Known:
		return "unknown"
	case s.AllDay:
		return "open 24h"
	case s.Open:
		return "open until " + s.Until.In(berlin).Format("Mon 15:04")
	case !s.Next.IsZero():
		return "closed, opens " + s.Next.In(berlin).Format("Mon 15:04")
	}
	return fmt.Sprintf("closed for more than %d days", lookAhead)
}
