package answer_test

import (
	"path/filepath"
	"testing"
)

// heldOutFloors are the gates per language on the held-out question sets
// (index/testdata/questions-<lang>-heldout.yaml): the answer's language
// right, and the expected topic first. They are the figures measured on
// 2026-12-01 with the translators' i18n files of that evening, minus a small
// margin (about two questions); the targets are 0.98 and 0.9. Adjust
// them here to what is reached (go test -run HeldOutLanguages -v prints it).
var heldOutFloors = map[string]struct{ Lang, Top1 float64 }{
	"tr": {Lang: 0.92, Top1: 0.85}, // measured 0.964, 0.870 (0.945, 0.891 before the evening of 2026-12-01)
	"ar": {Lang: 0.96, Top1: 0.76}, // 0.982, 0.804 (0.982, 0.783)
	"uk": {Lang: 0.92, Top1: 0.86}, // 0.963, 0.911 (0.907, 0.867)
	"ru": {Lang: 0.96, Top1: 0.78}, // 0.981, 0.822 (0.981, 0.800)
	"pl": {Lang: 0.92, Top1: 0.87}, // 0.964, 0.913 (0.818, 0.870)
	"ro": {Lang: 0.90, Top1: 0.85}, // 0.945, 0.891 (0.818, 0.848)
	"bg": {Lang: 0.83, Top1: 0.85}, // 0.875, 0.894 (0.732, 0.872)
	"fa": {Lang: 0.94, Top1: 0.89}, // 0.982, 0.935 (0.945, 0.826)
}

// filled is the share of a language's texts that must be translated before
// its held-out figures are gated: until then its answers are German.
const filled = 0.9

// TestHeldOutLanguages gates every language whose translations are filled.
func TestHeldOutLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real index")
	}
	kb := realIndex(t).Base()
	for _, s := range kb.TranslationStatuses() {
		t.Run(s.Lang, func(t *testing.T) {
			r := evaluate(t, filepath.Join("..", "..", "index", "testdata", "questions-"+s.Lang+"-heldout.yaml"))
			t.Logf("%s: language right %v, top-1 %v; %d of %d texts translated", s.Lang, r.Lang, r.Top1, s.Current, s.Total)
			if float64(s.Current) < filled*float64(s.Total) {
				t.Skipf("%s: only %d of %d texts translated; not gated yet", s.Lang, s.Current, s.Total)
			}
			f, ok := heldOutFloors[s.Lang]
			if !ok {
				t.Fatalf("no floors for %s in heldOutFloors", s.Lang)
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
