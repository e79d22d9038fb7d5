package bot

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// renderReply writes a reply the way a reviewer wants to read it: each
// message as sent (HTML), its length as Telegram counts it, the buttons
// with their callback data, and the map pins.
func renderReply(r reply) string {
	var b strings.Builder
	parts := splitMessage(r.text, MaxMessageLen)
	for i, p := range parts {
		fmt.Fprintf(&b, "--- message %d of %d (%d characters) ---\n%s\n", i+1, len(parts), textLen(p), p)
	}
	switch m := r.markup.(type) {
	case *models.InlineKeyboardMarkup:
		b.WriteString("--- buttons ---\n")
		for _, row := range m.InlineKeyboard {
			var cells []string
			for _, btn := range row {
				target := btn.CallbackData
				if btn.URL != "" {
					target = btn.URL
				}
				cells = append(cells, fmt.Sprintf("[%s → %s]", btn.Text, target))
			}
			b.WriteString(strings.Join(cells, " ") + "\n")
		}
	case *models.ReplyKeyboardMarkup:
		b.WriteString("--- reply keyboard ---\n")
		for _, row := range m.Keyboard {
			for _, btn := range row {
				fmt.Fprintf(&b, "[%s request_location=%v] ", btn.Text, btn.RequestLocation)
			}
			b.WriteString("\n")
		}
	}
	for _, v := range r.venues {
		fmt.Fprintf(&b, "--- map pin ---\n%s | %s | %.5f, %.5f\n", v.title, v.address, v.lat, v.lon)
	}
	return b.String()
}

// checkReply fails t for anything Telegram would refuse in a reply.
func checkReply(t *testing.T, name string, r reply) {
	t.Helper()
	parts := splitMessage(r.text, MaxMessageLen)
	if len(parts) == 0 {
		t.Errorf("%s: empty reply", name)
	}
	for i, p := range parts {
		if err := checkMessage(p); err != nil {
			t.Errorf("%s: message %d: %v", name, i+1, err)
		}
		plain, err := telegramtest.ParseHTML(p)
		switch {
		case err != nil:
			t.Errorf("%s: message %d: fake Bot API: %v", name, i+1, err)
		case telegramtest.UTF16Len(plain) > telegramtest.MaxTextLen:
			t.Errorf("%s: message %d is %d characters long", name, i+1, telegramtest.UTF16Len(plain))
		}
	}
	if m, ok := r.markup.(*models.InlineKeyboardMarkup); ok {
		for _, row := range m.InlineKeyboard {
			for _, b := range row {
				if b.Text == "" {
					t.Errorf("%s: button without text", name)
				}
				if b.URL != "" {
					continue
				}
				if len(b.CallbackData) > MaxCallbackBytes {
					t.Errorf("%s: callback data %q is %d bytes", name, b.CallbackData, len(b.CallbackData))
				}
				if _, err := parseCallback(b.CallbackData); err != nil {
					t.Errorf("%s: button %q: callback data %q does not parse", name, b.Text, b.CallbackData)
				}
			}
		}
	}
}

// golden compares got with the file dir/name, or writes it with -update.
// It returns the file name so that stale files can be found.
func golden(t *testing.T, dir, name, got string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%s: %v (run go test ./bot/ -run Golden -update)", path, err)
		return name
	}
	if string(want) != got {
		t.Errorf("%s differs from the rendered reply (run go test ./bot/ -run Golden -update and review the diff):\n%s", path, firstDiff(string(want), got))
	}
	return name
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want: %.200s\n  got:  %.200s", i+1, wl, gl)
		}
	}
	return ""
}

// noStale reports golden files in dir that no topic or office produces
// any more; -update removes them.
func noStale(t *testing.T, dir string, written map[string]bool) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if written[e.Name()] {
			continue
		}
		if *update {
			os.Remove(filepath.Join(dir, e.Name()))
			continue
		}
		t.Errorf("%s: stale golden file (its topic or office is gone; run -update)", filepath.Join(dir, e.Name()))
	}
}

// goldenKB renders the answer card of every topic and every office of kb,
// in German and English, checks each against Telegram's rules and compares
// it with its golden file.
func goldenKB(t *testing.T, kb *knowledge.Base, dir string) {
	a := answer.New(&fakeSearch{kb: kb}, answer.Options{Now: func() time.Time { return testNow }})
	render := func(d answer.Decision) reply { return replyOf(answer.Render(kb, d)) }
	written := map[string]bool{}
	for _, lang := range []string{"de", "en"} {
		p := answer.Person{ChosenLang: lang}
		for i := range kb.Topics {
			tp := &kb.Topics[i]
			var b strings.Builder
			add := func(title string, r reply) {
				checkReply(t, fmt.Sprintf("topic %s (%s) %s", tp.ID, lang, title), r)
				fmt.Fprintf(&b, "=== %s ===\n%s\n", title, renderReply(r))
			}
			add("overview", render(a.Topic(&answer.State{}, tp, answer.AspectNone, p)))
			for _, asp := range answer.Aspects {
				add("aspect "+string(asp), render(a.Topic(&answer.State{}, tp, asp, p)))
			}
			if tp.LocalOffices {
				for _, o := range kb.OfficesOf(tp) {
					for _, d := range o.Districts {
						add("where, in "+d, render(a.District(&answer.State{}, d, tp, p)))
					}
				}
			}
			written[golden(t, dir, "topic-"+tp.ID+"."+lang+".txt", b.String())] = true
		}
		for i := range kb.Offices {
			o := &kb.Offices[i]
			r := render(a.Office(&answer.State{}, o, p))
			checkReply(t, fmt.Sprintf("office %s (%s)", o.ID, lang), r)
			written[golden(t, dir, "office-"+o.ID+"."+lang+".txt", renderReply(r))] = true
		}
		var b strings.Builder
		for _, d := range kb.Districts {
			r := render(a.District(&answer.State{}, d.ID, nil, p))
			checkReply(t, fmt.Sprintf("district %s (%s)", d.ID, lang), r)
			fmt.Fprintf(&b, "=== %s ===\n%s\n", d.ID, renderReply(r))
		}
		written[golden(t, dir, "districts."+lang+".txt", b.String())] = true
		b.Reset()
		for _, cat := range kb.Categories {
			r := reply{text: answer.T(lang, answer.MsgChooseTopic, esc(cat.Title.In(lang))), markup: categoryKeyboard(kb, cat.ID, lang)}
			checkReply(t, fmt.Sprintf("category %s (%s)", cat.ID, lang), r)
			fmt.Fprintf(&b, "=== %s ===\n%s\n", cat.ID, renderReply(r))
		}
		r := reply{text: answer.T(lang, answer.MsgChooseCategory), markup: categoriesKeyboard(kb, lang)}
		checkReply(t, "categories", r)
		fmt.Fprintf(&b, "=== /themen ===\n%s\n", renderReply(r))
		written[golden(t, dir, "categories."+lang+".txt", b.String())] = true
		if tp := kb.Topic("sozialamt-kontakt"); tp != nil {
			r = render(a.Topic(&answer.State{}, tp, answer.AspectWhere, p))
			checkReply(t, "kontakt "+lang, r)
			written[golden(t, dir, "kontakt."+lang+".txt", renderReply(r))] = true
		}
	}
	noStale(t, dir, written)
}

func TestGoldenBuiltin(t *testing.T) {
	goldenKB(t, builtinKB(t), filepath.Join("testdata", "golden", "builtin"))
}

func TestGoldenFake(t *testing.T) {
	goldenKB(t, loadFakeKB(t), filepath.Join("testdata", "golden", "fake"))
}

// TestGoldenMessages covers every fixed text a citizen can read.
func TestGoldenMessages(t *testing.T) {
	kb := loadFakeKB(t)
	for _, lang := range []string{"de", "en"} {
		var b strings.Builder
		for _, k := range answer.Keys() {
			text := answer.T(lang, k)
			if strings.Contains(text, "%s") {
				text = strings.ReplaceAll(text, "%s", "Aplerbeck")
			}
			r := reply{text: text}
			if k == answer.MsgStart {
				r.markup = startKeyboard(kb, lang)
			}
			if k < answer.LblResponsible { // labels and buttons are not messages of their own
				checkReply(t, fmt.Sprintf("message %d (%s)", k, lang), r)
			}
			fmt.Fprintf(&b, "=== %d ===\n%s\n", k, renderReply(r))
		}
		golden(t, filepath.Join("testdata", "golden"), "messages."+lang+".txt", b.String())
	}
}

func TestCommandsValid(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		for _, cmd := range commandList(lang) {
			if !commandName.MatchString("/"+cmd.Command) || len(cmd.Description) == 0 || len(cmd.Description) > 256 {
				t.Errorf("command %+v is not valid for setMyCommands", cmd)
			}
		}
	}
}
