package knowledge

import "testing"

// TestCrisisBatchFirstSight logs the figures on a batch written for a first-sight measurement
func TestCrisisBatchFirstSight(t *testing.T) {
	kb := loadBuiltinKB(t)
	rules := loadBuiltinKB(t)
	rules.model = nil
	m := readCrisisMessages(t, "crisis-batch-ml.yaml")
	for _, k := range []*Base{rules, kb} {
		f := measureCrisis(t, k, m)
		t.Logf("model %v: recall %.3f (%d of %d), wrong kind %d, false alarms %.3f (%d of %d)", k.model != nil, f.recall(), f.crises-f.missed, f.crises, f.wrongKind, f.falseAlarmRate(), f.falseAlarms, f.lookalikes)
		for _, lang := range CrisisLanguages {
			var sub crisisMessages
			for _, c := range m.Crisis {
				if c.Lang == lang {
					sub.Crisis = append(sub.Crisis, c)
				}
			}
			for _, l := range m.Lookalike {
				if l.Lang == lang {
					sub.Lookalike = append(sub.Lookalike, l)
				}
			}
			f := measureCrisis(t, k, sub)
			t.Logf("  %s: recall %d of %d, wrong kind %d, false alarms %d of %d", lang, f.crises-f.missed, f.crises, f.wrongKind, f.falseAlarms, f.lookalikes)
		}
		if k.model != nil {
			for _, p := range f.problems {
				t.Log(p)
			}
		}
	}
}
