package bot

import (
	"strings"
	"testing"
)

func TestCallbackRoundTrip(t *testing.T) {
	tests := []struct {
		cb   callback
		want string
	}{
		{callback{Action: actTopic, ID: "grundsicherung"}, "v1:t:grundsicherung"},
		{callback{Action: actOffice, ID: "seniorenbuero-aplerbeck"}, "v1:o:seniorenbuero-aplerbeck"},
		{callback{Action: actDetails, ID: "hilfe-zur-pflege"}, "v1:b:hilfe-zur-pflege"},
		{callback{Action: actWhere, ID: "seniorenbueros"}, "v1:w:seniorenbueros"},
		{callback{Action: actMenu}, "v1:m"},
		{callback{Action: actBack}, "v1:k"},
		{callback{Action: actCategory, ID: "alter-pflege"}, "v1:c:alter-pflege"},
		{callback{Action: actFeedback, ID: "grundsicherung", Arg: "u"}, "v1:f:grundsicherung:u"},
		{callback{Action: actFeedback, ID: "grundsicherung", Arg: "d"}, "v1:f:grundsicherung:d"},
		{callback{Action: actLanguage, ID: "en"}, "v1:l:en"},
		{callback{Action: actDistrict, ID: "innenstadt-west"}, "v1:d:innenstadt-west"},
		{callback{Action: actDistrict, ID: "luetgendortmund", Arg: "regionalbuero-alter-pflege-demenz"}, "v1:d:luetgendortmund:regionalbuero-alter-pflege-demenz"},
	}
	for _, tc := range tests {
		got, err := tc.cb.encode()
		if err != nil || got != tc.want {
			t.Errorf("encode(%+v) = %q, %v; want %q", tc.cb, got, err, tc.want)
			continue
		}
		back, err := parseCallback(got)
		if err != nil || back != tc.cb {
			t.Errorf("parseCallback(%q) = %+v, %v; want %+v", got, back, err, tc.cb)
		}
	}
}

func TestCallbackRejects(t *testing.T) {
	bad := []callback{
		{Action: actTopic, ID: "Grundsicherung"},                          // not an id
		{Action: actTopic, ID: "grundsicherung-ä"},                        // umlaut: not an id
		{Action: actTopic},                                                // no id
		{Action: actFeedback, ID: "x", Arg: "maybe"},                      // unknown vote
		{Action: actLanguage, ID: "fr"},                                   // unknown language
		{Action: 'z', ID: "x"},                                            // unknown action
		{Action: actDistrict, ID: "hoerde", Arg: strings.Repeat("a", 60)}, // > 64 bytes
	}
	for _, cb := range bad {
		if s, err := cb.encode(); err == nil {
			t.Errorf("encode(%+v) = %q, want an error", cb, s)
		}
	}
	garbage := []string{
		"", "v1", "v1:", "v1:t", "v1:t:", "v2:t:grundsicherung", "V1:t:grundsicherung", "v1:tt:grundsicherung",
		"v1:t:grundsicherung:x", "v1:m:x", "v1:t:../etc", "v1:t:a b", "v1:t:a--b", "v1:t:-a", "v1:f:x:", "v1:f:x:u:y",
		"v1:d:hoerde:", "v1:k:x", "v1:t:grundsicherung\x00", "v1:t:" + strings.Repeat("a", 62), "<b>", "v1:l:de:x",
		"v1:t:grünsicherung",
	}
	for _, s := range garbage {
		if cb, err := parseCallback(s); err == nil {
			t.Errorf("parseCallback(%q) = %+v, want an error", s, cb)
		}
	}
}

// Callback data is measured in bytes: a non-ASCII character would count
// twice or more, so ids are ASCII by construction and the limit holds for
// the longest pair of ids the built-in knowledge base can produce.
func TestCallbackBytesForBuiltin(t *testing.T) {
	kb := builtinKB(t)
	longestTopic, longestDistrict := "", ""
	for _, tp := range kb.Topics {
		if len(tp.ID) > len(longestTopic) {
			longestTopic = tp.ID
		}
	}
	for _, d := range kb.Districts {
		if len(d.ID) > len(longestDistrict) {
			longestDistrict = d.ID
		}
	}
	for _, cb := range []callback{
		{Action: actDistrict, ID: longestDistrict, Arg: longestTopic},
		{Action: actFeedback, ID: longestTopic, Arg: "u"},
	} {
		s, err := cb.encode()
		if err != nil {
			t.Errorf("longest callback %+v cannot be encoded: %v", cb, err)
			continue
		}
		if len(s) > MaxCallbackBytes {
			t.Errorf("%q is %d bytes", s, len(s))
		}
	}
	for _, o := range kb.Offices {
		if s, err := (callback{Action: actFeedback, ID: o.ID, Arg: "d"}).encode(); err != nil || len(s) > MaxCallbackBytes {
			t.Errorf("office %q: feedback button %q, %v", o.ID, s, err)
		}
	}
}

func FuzzCallbackData(f *testing.F) {
	for _, s := range []string{"v1:t:grundsicherung", "v1:m", "v1:f:x:u", "v1:d:hoerde:seniorenbueros", "v1:l:en", "", "v1:c:geld", "ä:ö:ü", "v1:t:weg"} {
		f.Add(s)
	}
	h := newFuzzHarness(f)
	f.Fuzz(func(t *testing.T, data string) {
		// The codec: whatever it accepts, it writes back the same way.
		if cb, err := parseCallback(data); err == nil {
			if s, err := cb.encode(); err != nil || s != data {
				t.Errorf("parseCallback(%q) accepted %+v, which encodes as %q, %v", data, cb, s, err)
			}
			if len(data) > MaxCallbackBytes {
				t.Errorf("accepted %d bytes", len(data))
			}
		}
		// The conversation: a pressed button is always answered.
		got := h.send(t, press(5, "de", data))
		if n := countMethod(got, "answerCallbackQuery"); n != 1 {
			t.Errorf("callback %q answered %d times", data, n)
		}
	})
}
