package knowledge

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Citation is a web page the facts of an entry come from. In a knowledge file
// it is either the address alone or a block that also says the year the page
// was published or last updated, as far as the page shows it:
//
//	sources:
//	  - https://dortmund.de/services/elterngeld.html
//	  - url: https://nordstadtblogger.de/neue-standorte-lokal-willkommen
//	    year: 2019
//	    note: Pressebericht zur Eröffnung
//
// The year lets the bot say how old a contact detail is ("Angabe von 2019")
// and lets `sozialbot review` list the oldest sources first.
type Citation struct {
	URL string `yaml:"url" json:"url"`
	// Year is when the page was published or last updated; 0 when it shows no date.
	Year int `yaml:"year,omitempty" json:"year,omitempty"`
	// Note is for staff: what the page backs, or where its date comes from.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Source years before this are typing mistakes: the city's web pages are younger.
const minSourceYear = 1990

// UnmarshalYAML accepts a plain address or a block with url, year and note.
// Mistakes are reported as *yaml.TypeError, so that the decoder goes on and
// every problem is listed at once with its line.
func (s *Citation) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		s.URL = strings.TrimSpace(n.Value)
		return nil
	case yaml.MappingNode:
		var errs []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				errs = append(errs, fmt.Sprintf("line %d: source field %q must be a single value", v.Line, k.Value))
				continue
			}
			switch k.Value {
			case "url":
				s.URL = strings.TrimSpace(v.Value)
			case "year":
				y, err := strconv.Atoi(strings.TrimSpace(v.Value))
				if err != nil {
					errs = append(errs, fmt.Sprintf("line %d: source year %q must be a year such as 2019; leave it out when the page shows no date", v.Line, v.Value))
					continue
				}
				s.Year = y
			case "note":
				s.Note = v.Value
			default:
				errs = append(errs, fmt.Sprintf("line %d: unknown field %q (check the spelling; allowed here: url, year, note)", k.Line, k.Value))
			}
		}
		if len(errs) > 0 {
			return &yaml.TypeError{Errors: errs}
		}
		return nil
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: a source is a web address (https://...) or a block with url and year", n.Line)}}
}

// MarshalYAML writes a source without year and note as its address alone.
func (s Citation) MarshalYAML() (any, error) {
	if s.Year == 0 && s.Note == "" {
		return s.URL, nil
	}
	type plain Citation // without the method, against recursion
	return plain(s), nil
}

// SourceURLs returns the addresses of the sources, in their order.
func SourceURLs(sources []Citation) []string {
	out := make([]string, len(sources))
	for i, s := range sources {
		out[i] = s.URL
	}
	return out
}

// NewestSourceYear returns the newest year among the dated sources, or 0
// when none is dated. Undated sources do not count: a page without a date
// says nothing about how current a fact is.
func NewestSourceYear(sources []Citation) int {
	newest := 0
	for _, s := range sources {
		newest = max(newest, s.Year)
	}
	return newest
}

// ContactSourceYear returns the year of the newest source behind the office's
// contact details (address, phone, hours), or 0 when no source is dated.
// Every source of an office backs its contact details.
func (o *Office) ContactSourceYear() int { return NewestSourceYear(o.Sources) }

// SourceYear returns the year of the newest dated source of the topic, or 0.
func (t *Topic) SourceYear() int { return NewestSourceYear(t.Sources) }

// StaleYears is how many years a source may lie before the current year and
// still be shown without a warning: in 2026 sources from 2024 on are fine,
// a source from 2023 or earlier gets "bitte vorher anrufen".
const StaleYears = 2

// Freshness says how current an entry's contact details are, for the line
// under an office on the answer card. The zero value says nothing.
type Freshness struct {
	// Checked is the day staff last confirmed the entry with the office; zero: never.
	Checked Date
	// SourceYear is the year of the newest source behind the details; 0: unknown.
	SourceYear int
	// CallFirst means the newest evidence is more than StaleYears old:
	// citizens should call before they go.
	CallFirst bool
}

// FreshnessOf judges an entry from the day it was checked with the office
// (zero if never) and the year of its newest source (0 if unknown), as of now.
// A check with the office counts more than any source.
func FreshnessOf(checked Date, sourceYear int, now time.Time) Freshness {
	f := Freshness{Checked: checked, SourceYear: sourceYear}
	switch {
	case !checked.IsZero():
		f.CallFirst = now.Year()-checked.Year() > StaleYears
	case sourceYear > 0:
		f.CallFirst = now.Year()-sourceYear > StaleYears
	}
	return f
}

// Freshness of the office's contact details as of now.
func (o *Office) Freshness(now time.Time) Freshness {
	return FreshnessOf(o.Checked, o.ContactSourceYear(), now)
}
