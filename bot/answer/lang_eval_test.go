package answer_test

import (
	"path/filepath"
	"testing"
)

// langFloors are the gates of one language: the answer's language right and
// the expected topic first. The targets are 0.98 and 0.9.
type langFloors struct{ Lang, Top1 float64 }

// heldOutFloors gate the seventh held-out sets
// (index/testdata/questions-<lang>-heldout.yaml, written fresh on 2026-12-02
// at 15:20 by people who saw neither the code nor the other sets): the
// figures reached, less about one question. Raise them to what is reached
// (go test -run HeldOutLanguages -v prints it); never lower them.
var heldOutFloors = map[string]langFloors{
	"tr": {Lang: 0.94, Top1: 0.87}, // language right, top-1 at first sight (the code of 15:20): 0.964, 0.894; the same after the round
	"ar": {Lang: 0.96, Top1: 0.76}, // 0.982, 0.787
	"uk": {Lang: 0.89, Top1: 0.89}, // 0.911, 0.894; after the round of 15:40–17:05: 0.911, 0.915
	"ru": {Lang: 0.91, Top1: 0.87}, // 0.929, 0.894
	"pl": {Lang: 0.92, Top1: 0.91}, // 0.946, 0.894; after: 0.946, 0.936
	"ro": {Lang: 0.91, Top1: 0.87}, // 0.929, 0.894
	"bg": {Lang: 0.96, Top1: 0.89}, // 0.982, 0.894; after: 0.982, 0.915
	"fa": {Lang: 0.96, Top1: 0.74}, // 0.982, 0.766
}

// retired6Floors keep the sixth held-out sets
// (questions-<lang>-retired-6.yaml, written on 2026-12-02 at 12:30, retired
// at 15:20 once their misses were read) from sliding back.
var retired6Floors = map[string]langFloors{
	"tr": {Lang: 0.92, Top1: 0.87}, // language right, top-1 at first sight: 0.946, 0.851; when retired: 0.946, 0.894
	"ar": {Lang: 0.98, Top1: 0.76}, // 1.000, 0.787; 1.000, 0.787
	"uk": {Lang: 0.82, Top1: 0.83}, // 0.839, 0.851; 0.839, 0.851
	"ru": {Lang: 0.96, Top1: 0.89}, // 0.982, 0.851; 0.982, 0.872; tuned on in the round of 15:40–17:05: 0.982, 0.915
	"pl": {Lang: 0.87, Top1: 0.80}, // 0.893, 0.702; 0.893, 0.723; tuned on: 0.893, 0.830
	"ro": {Lang: 0.92, Top1: 0.83}, // 0.946, 0.830; 0.946, 0.851
	"bg": {Lang: 0.92, Top1: 0.78}, // 0.946, 0.723; 0.946, 0.745; tuned on: 0.946, 0.809
	"fa": {Lang: 0.92, Top1: 0.85}, // 0.946, 0.851; 0.946, 0.872
}

// retired5Floors keep the fifth held-out sets
// (questions-<lang>-retired-5.yaml, written on 2026-12-02 at 09:55, retired
// at 12:30 once their misses were read) from sliding back.
var retired5Floors = map[string]langFloors{
	"tr": {Lang: 0.92, Top1: 0.91}, // language right, top-1 when retired: 0.946, 0.857; tuned on in the round of 12:40–14:30: 0.946, 0.939
	"ar": {Lang: 0.98, Top1: 0.85}, // 1.000, 0.755; 1.000, 0.878
	"uk": {Lang: 0.91, Top1: 0.94}, // 0.929, 0.860; 0.929, 0.960
	"ru": {Lang: 0.91, Top1: 0.88}, // 0.929, 0.900; 0.929, 0.900
	"pl": {Lang: 0.92, Top1: 0.89}, // 0.946, 0.918; 0.946, 0.918
	"ro": {Lang: 0.91, Top1: 0.90}, // 0.929, 0.920; 0.929, 0.900 (one lost in the round)
	"bg": {Lang: 0.85, Top1: 0.92}, // 0.875, 0.920; 0.875, 0.940
	"fa": {Lang: 0.91, Top1: 0.90}, // 0.929, 0.820; 0.929, 0.920
}

// retired4Floors keep the fourth held-out sets
// (questions-<lang>-retired-4.yaml, written on 2026-12-02 at 07:25, retired
// at 09:55 once their misses were looked at) from sliding back.
var retired4Floors = map[string]langFloors{
	"tr": {Lang: 0.94, Top1: 0.89}, // language right, top-1 when retired: 0.964, 0.917 (first sight 0.964, 0.917)
	"ar": {Lang: 0.98, Top1: 0.83}, // 1.000, 0.854 (1.000, 0.854)
	"uk": {Lang: 0.92, Top1: 0.87}, // 0.946, 0.896 (0.929, 0.896)
	"ru": {Lang: 0.94, Top1: 0.77}, // 0.964, 0.792 (0.964, 0.792)
	"pl": {Lang: 0.89, Top1: 0.77}, // 0.911, 0.792 (0.911, 0.792)
	"ro": {Lang: 0.91, Top1: 0.77}, // 0.929, 0.792 (0.929, 0.792)
	"bg": {Lang: 0.89, Top1: 0.83}, // 0.911, 0.854 (0.911, 0.854)
	"fa": {Lang: 0.94, Top1: 0.77}, // 0.964, 0.792 (0.946, 0.792)
}

// retired3Floors keep the third held-out sets
// (questions-<lang>-retired-3.yaml, written on 2026-12-02 at 02:30, retired
// at 07:30 once their misses were looked at) from sliding back.
var retired3Floors = map[string]langFloors{
	"tr": {Lang: 0.94, Top1: 0.89}, // language right, top-1: 0.964, 0.915 (first sight 0.964, 0.894)
	"ar": {Lang: 0.96, Top1: 0.83}, // 0.982, 0.851 (0.982, 0.830)
	"uk": {Lang: 0.94, Top1: 0.91}, // 0.964, 0.938 (0.982, 0.875)
	"ru": {Lang: 0.94, Top1: 0.89}, // 0.964, 0.915 (0.946, 0.915)
	"pl": {Lang: 0.92, Top1: 0.91}, // 0.946, 0.938 (0.946, 0.917)
	"ro": {Lang: 0.94, Top1: 0.95}, // 0.964, 0.979 (0.946, 0.957)
	"bg": {Lang: 0.87, Top1: 0.87}, // 0.893, 0.894 (0.893, 0.894)
	"fa": {Lang: 0.91, Top1: 0.87}, // 0.929, 0.894 (0.875, 0.851)
}

// retiredFloors keep the retired held-out sets (questions-<lang>-retired.yaml,
// looked at and tuned on since) from sliding back: what they reach, less
// about two questions.
var retiredFloors = map[string]langFloors{
	"tr": {Lang: 0.94, Top1: 0.91}, // measured 0.964, 0.957
	"ar": {Lang: 0.96, Top1: 0.91}, // 0.982, 0.957
	"uk": {Lang: 0.94, Top1: 0.95}, // 0.963, 1.000
	"ru": {Lang: 0.96, Top1: 0.91}, // 0.981, 0.956
	"pl": {Lang: 0.94, Top1: 0.95}, // 0.964, 1.000
	"ro": {Lang: 0.92, Top1: 0.91}, // 0.945, 0.957
	"bg": {Lang: 0.92, Top1: 0.91}, // 0.946, 0.957
	"fa": {Lang: 0.96, Top1: 0.93}, // 0.982, 0.978
}

// retired2Floors keep the held-out sets of 2026-12-01 (questions-<lang>-retired-2.yaml,
// retired on 2026-12-02 once their misses had been looked at, tuned on since)
// from sliding back: what they reach, less about two questions (when retired:
// top-1 tr 0.854, ar 0.854, uk 0.771, ru 0.875, pl 0.833, ro 0.958, bg 0.958,
// fa 0.792).
var retired2Floors = map[string]langFloors{
	"tr": {Lang: 0.93, Top1: 0.93}, // 0.964, 0.979
	"ar": {Lang: 0.96, Top1: 0.95}, // 1.000, 1.000
	"uk": {Lang: 0.93, Top1: 0.87}, // 0.964, 0.917
	"ru": {Lang: 0.94, Top1: 0.91}, // 0.982, 0.958
	"pl": {Lang: 0.94, Top1: 0.89}, // 0.982, 0.938
	"ro": {Lang: 0.91, Top1: 0.91}, // 0.946, 0.958
	"bg": {Lang: 0.91, Top1: 0.95}, // 0.946, 1.000
	"fa": {Lang: 0.96, Top1: 0.93}, // 1.000, 0.979
}

// filled is the share of a language's texts that must be translated before
// its figures are gated: until then its answers are German.
const filled = 0.9

// TestHeldOutLanguages gates every language whose translations are filled,
// on its held-out and its retired set.
func TestHeldOutLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real index")
	}
	kb := realIndex(t).Base()
	for _, s := range kb.TranslationStatuses() {
		for _, set := range []struct {
			name   string
			floors map[string]langFloors
		}{{"heldout", heldOutFloors}, {"retired", retiredFloors}, {"retired-6", retired6Floors}, {"retired-5", retired5Floors}, {"retired-4", retired4Floors}, {"retired-3", retired3Floors}, {"retired-2", retired2Floors}} {
			t.Run(s.Lang+"-"+set.name, func(t *testing.T) {
				r := evaluate(t, filepath.Join("..", "..", "index", "testdata", "questions-"+s.Lang+"-"+set.name+".yaml"))
				t.Logf("%s %s: language right %v, top-1 %v; %d of %d texts translated", s.Lang, set.name, r.Lang, r.Top1, s.Current, s.Total)
				if float64(s.Current) < filled*float64(s.Total) {
					t.Skipf("%s: only %d of %d texts translated; not gated yet", s.Lang, s.Current, s.Total)
				}
				f, ok := set.floors[s.Lang]
				if !ok {
					t.Fatalf("no %s floors for %s", set.name, s.Lang)
				}
				if r.Lang.Rate() < f.Lang {
					t.Errorf("%s: language right %v, floor %.2f", s.Lang, r.Lang, f.Lang)
				}
				if r.Top1.Rate() < f.Top1 {
					t.Errorf("%s: top-1 %v, floor %.2f", s.Lang, r.Top1, f.Top1)
				}
			})
		}
	}
}

// TestOtherLanguagesEval: every question in a language the bot does not
// speak gets the reply for other languages.
func TestOtherLanguagesEval(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real index")
	}
	r := evaluate(t, filepath.Join("..", "..", "index", "testdata", "questions-other-languages.yaml"))
	if r.Lang.Rate() < 1 || r.OutDeclined.Rate() < 1 {
		t.Errorf("other languages: language right %v, declined %v", r.Lang, r.OutDeclined)
	}
}
