package bot

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/telegramtest"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

var builtin struct {
	once sync.Once
	kb   *knowledge.Base
	ix   *index.Index
	err  error
}

func loadBuiltin() {
	builtin.once.Do(func() {
		builtin.kb, builtin.err = knowledge.Load(knowledge.Builtin(), knowledge.Options{})
		if builtin.err == nil {
			builtin.ix, builtin.err = index.Build(builtin.kb)
		}
	})
}

// builtinKB is the knowledge base compiled into the binary.
func builtinKB(t testing.TB) *knowledge.Base {
	t.Helper()
	loadBuiltin()
	if builtin.err != nil {
		t.Fatalf("built-in knowledge base: %v", builtin.err)
	}
	return builtin.kb
}

// builtinIndex is the real search over the built-in knowledge base.
func builtinIndex(t testing.TB) *index.Index {
	t.Helper()
	builtinKB(t)
	return builtin.ix
}

// fuzzHarness is a harness that fuzz targets share across inputs.
type fuzzHarness struct {
	srv  *telegramtest.Server
	bot  *tgbot.Bot
	conv *Conversation
	mu   sync.Mutex
}

func newFuzzHarness(f *testing.F, s ...Searcher) *fuzzHarness {
	var search Searcher
	if len(s) > 0 {
		search = s[0]
	} else {
		search = newFakeSearch(f)
	}
	conv, err := New(Config{
		Searcher:    search,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		BotUsername: testBotName,
		Recorder:    &recorder{},
	})
	if err != nil {
		f.Fatal(err)
	}
	h := &fuzzHarness{srv: telegramtest.New(f), conv: conv}
	h.bot, err = tgbot.New(telegramtest.Token, tgbot.WithServerURL(h.srv.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithNotAsyncHandlers(), tgbot.WithDefaultHandler(conv.Handle), tgbot.WithErrorsHandler(func(error) {}))
	if err != nil {
		f.Fatal(err)
	}
	return h
}

// send handles one update and fails t on any broken Telegram rule.
func (h *fuzzHarness) send(t *testing.T, u models.Update) []telegramtest.Call {
	h.mu.Lock()
	defer h.mu.Unlock()
	calls, violations := len(h.srv.Calls()), len(h.srv.Violations())
	h.bot.ProcessUpdate(context.Background(), &u)
	for _, v := range contentViolations(h.srv.Violations()[violations:]) {
		t.Errorf("Telegram rule broken: %s", v)
	}
	return h.srv.Calls()[calls:]
}

func countMethod(calls []telegramtest.Call, method string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method {
			n++
		}
	}
	return n
}

func FuzzFreeText(f *testing.F) {
	for _, s := range []string{
		"Grundsicherung", "Seniorenbüro Hörde", "44263", "hallo", "", " ", "🙂", "\x00\xff", "مرحبا",
		"/start", "/start@other_bot", "/", "@" + testBotName, "<b>fett</b> & <script>", strings.Repeat("Pflege ", 200),
		"📍 Standort senden", "Wohngeld beantragen 44139", "\u202eRTL override",
	} {
		f.Add(s)
	}
	h := newFuzzHarness(f, builtinIndex(f))
	f.Fuzz(func(t *testing.T, text string) {
		got := h.send(t, privateText(9, "de", text))
		if countMethod(got, "sendMessage") == 0 {
			t.Errorf("no reply to %q", text)
		}
		for _, c := range got {
			if strings.Contains(c.Params["text"], "error") || strings.Contains(c.Params["text"], "panic") {
				t.Errorf("reply to %q shows an internal error: %s", text, c.Params["text"])
			}
		}
	})
}

func FuzzDeepLink(f *testing.F) {
	for _, s := range []string{"grundsicherung", "seniorenbuero-hoerde", "GRUNDSICHERUNG", "inline", "", "x", "../..", strings.Repeat("a", 65), "ä", "a b"} {
		f.Add(s)
	}
	h := newFuzzHarness(f, builtinIndex(f))
	f.Fuzz(func(t *testing.T, payload string) {
		got := h.send(t, privateText(9, "de", "/start "+payload))
		if countMethod(got, "sendMessage") == 0 {
			t.Errorf("no reply to /start %q", payload)
		}
	})
}
