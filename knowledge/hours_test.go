package knowledge

import (
	"testing"
	"time"
)

func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, berlin)
}

func TestOpenAt(t *testing.T) {
	office := &Office{Hours: []Hours{
		{Days: []string{"Mo", "Di", "Mi", "Do", "Fr"}, Time: "08:00-12:00"},
		{Days: []string{"Do"}, Time: "14:00-18:00"},
	}}
	weekendNights := &Office{Hours: []Hours{
		{Days: []string{"Sa"}, Time: "20:00-24:00"},
		{Days: []string{"So"}, Time: "00:00-08:00"},
	}}
	shelter := &Office{Hours: []Hours{{Days: Weekdays, Time: "00:00-24:00"}}}
	mondays := &Office{Hours: []Hours{{Days: []string{"Mo"}, Time: "09:00-10:00"}}}
	tests := []struct {
		name   string
		office *Office
		t      time.Time
		want   OpenState
	}{
		{"jetzt geöffnet", office, at(2026, 12, 1, 10, 0), OpenState{Known: true, Open: true, Until: at(2026, 12, 1, 12, 0)}},
		{"opens at the minute", office, at(2026, 12, 1, 8, 0), OpenState{Known: true, Open: true, Until: at(2026, 12, 1, 12, 0)}},
		{"closes at the minute", office, at(2026, 12, 1, 12, 0), OpenState{Known: true, Next: at(2026, 12, 2, 8, 0)}},
		{"time in UTC is read in Berlin", office, time.Date(2026, 12, 1, 7, 30, 0, 0, time.UTC), OpenState{Known: true, Open: true, Until: at(2026, 12, 1, 12, 0)}},
		{"afternoon on Thursday", office, at(2026, 12, 3, 13, 0), OpenState{Known: true, Next: at(2026, 12, 3, 14, 0)}},
		{"öffnet Mo 8:00", office, at(2026, 12, 4, 13, 0), OpenState{Known: true, Next: at(2026, 12, 7, 8, 0)}},
		{"Sunday", office, at(2026, 12, 6, 10, 0), OpenState{Known: true, Next: at(2026, 12, 7, 8, 0)}},
		{"Christmas", office, at(2026, 12, 24, 19, 0), OpenState{Known: true, Next: at(2026, 12, 28, 8, 0)}},
		{"Karfreitag 2027 and Easter, across the change to summer time", office, at(2027, 3, 25, 19, 0), OpenState{Known: true, Next: at(2027, 3, 30, 8, 0)}},
		{"Karfreitag 2027 itself", office, at(2027, 3, 26, 10, 0), OpenState{Known: true, Next: at(2027, 3, 30, 8, 0)}},
		{"night across midnight and the change to winter time", weekendNights, at(2026, 10, 24, 23, 0), OpenState{Known: true, Open: true, Until: at(2026, 10, 25, 8, 0)}},
		{"24/7 shelter", shelter, at(2026, 12, 6, 3, 0), OpenState{Known: true, Open: true, AllDay: true}},
		{"24/7 shelter on Karfreitag", shelter, at(2027, 3, 26, 3, 0), OpenState{Known: true, Open: true, AllDay: true}},
		{"no opening within 8 days (Pfingstmontag)", mondays, at(2027, 5, 11, 12, 0), OpenState{Known: true}},
		{"no hours", &Office{}, at(2026, 12, 1, 10, 0), OpenState{}},
	}
	for _, tc := range tests {
		got := tc.office.OpenAt(tc.t)
		if got.Known != tc.want.Known || got.Open != tc.want.Open || got.AllDay != tc.want.AllDay ||
			!got.Until.Equal(tc.want.Until) || !got.Next.Equal(tc.want.Next) {
			t.Errorf("%s: OpenAt(%s) = %s, want %s", tc.name, tc.t, got, tc.want)
		}
	}
	// Ten hours, not nine: the clocks go back at 03:00.
	if d := weekendNights.OpenAt(at(2026, 10, 24, 23, 0)).Until.Sub(at(2026, 10, 24, 23, 0)); d != 10*time.Hour {
		t.Errorf("open for %v across the change to winter time, want 10h", d)
	}
}

func TestAllDay(t *testing.T) {
	tests := []struct {
		hours []Hours
		want  bool
	}{
		{[]Hours{{Days: Weekdays, Time: "00:00-24:00"}}, true},
		{[]Hours{{Days: []string{"Mo", "Di", "Mi", "Do", "Fr"}, Time: "00:00-24:00"}, {Days: []string{"Sa", "So"}, Time: "00:00 - 24:00"}}, true},
		{[]Hours{{Days: []string{"Mo", "Di", "Mi", "Do", "Fr", "Sa"}, Time: "00:00-24:00"}}, false},
		{[]Hours{{Days: Weekdays, Time: "00:00-23:59"}}, false},
		{nil, false},
	}
	for _, tc := range tests {
		if got := (&Office{Hours: tc.hours}).AllDay(); got != tc.want {
			t.Errorf("AllDay(%v) = %v, want %v", tc.hours, got, tc.want)
		}
	}
}

func TestHolidayNRW(t *testing.T) {
	holidays := map[string]string{
		"2027-01-01": "Neujahr",
		"2027-03-26": "Karfreitag",
		"2027-03-29": "Ostermontag",
		"2027-05-01": "Tag der Arbeit",
		"2027-05-06": "Christi Himmelfahrt",
		"2027-05-17": "Pfingstmontag",
		"2027-05-27": "Fronleichnam",
		"2027-10-03": "Tag der Deutschen Einheit",
		"2027-11-01": "Allerheiligen",
		"2027-12-25": "1. Weihnachtstag",
		"2027-12-26": "2. Weihnachtstag",
		"2026-04-03": "Karfreitag",
		"2026-06-04": "Fronleichnam",
		"2024-04-01": "Ostermontag",
		"2025-04-18": "Karfreitag",
		"2038-04-26": "Ostermontag",
	}
	for day, want := range holidays {
		d, _ := time.ParseInLocation("2006-01-02", day, berlin)
		if got, ok := HolidayNRW(d.Add(15 * time.Hour)); !ok || got != want {
			t.Errorf("HolidayNRW(%s) = %q, %v, want %q", day, got, ok, want)
		}
	}
	for _, day := range []string{"2027-03-28", "2027-03-25", "2027-12-24", "2027-12-31", "2027-08-15", "2027-10-31", "2027-05-16"} {
		d, _ := time.ParseInLocation("2006-01-02", day, berlin)
		if got, ok := HolidayNRW(d); ok {
			t.Errorf("HolidayNRW(%s) = %q, want no holiday in NRW", day, got)
		}
	}
	// 23:30 UTC on 31 December is already New Year in Berlin.
	if got, ok := HolidayNRW(time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)); !ok || got != "Neujahr" {
		t.Errorf("HolidayNRW(31.12. 23:30 UTC) = %q, %v, want Neujahr", got, ok)
	}
}
