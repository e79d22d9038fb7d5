package telegramtest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func newBot(t *testing.T, s *Server) *bot.Bot {
	t.Helper()
	b, err := bot.New(Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe(),
		bot.WithHTTPClient(time.Second, s.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// getUpdates calls the fake directly (as the delivery poller does).
func getUpdates(t *testing.T, s *Server, offset int64, limit, timeout int) (int, []models.Update) {
	t.Helper()
	form := url.Values{"offset": {strconv.FormatInt(offset, 10)}, "limit": {strconv.Itoa(limit)}, "timeout": {strconv.Itoa(timeout)}}
	resp, err := s.Client().PostForm(s.URL()+"/bot"+Token+"/getUpdates", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		OK     bool            `json:"ok"`
		Result []models.Update `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body.Result
}

func TestSendMessageRecordsMultipartParams(t *testing.T) {
	s := New(t)
	b := newBot(t, s)
	m, err := b.SendMessage(context.Background(), &bot.SendMessageParams{
		ChatID: 42, Text: "<b>Hallo</b> &amp; willkommen", ParseMode: models.ParseModeHTML,
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Mehr", CallbackData: "faq:1"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != 1 || m.Chat.ID != 42 || m.Text != "Hallo & willkommen" {
		t.Errorf("result message: got id %d chat %d text %q", m.ID, m.Chat.ID, m.Text)
	}
	calls := s.CallsTo("sendMessage")
	if len(calls) != 1 {
		t.Fatalf("got %d sendMessage calls, want 1", len(calls))
	}
	c := calls[0]
	if c.Params["chat_id"] != "42" || c.Params["parse_mode"] != "HTML" || c.Status != 200 {
		t.Errorf("params %v status %d", c.Params, c.Status)
	}
	if !strings.Contains(c.Params["reply_markup"], `"callback_data":"faq:1"`) {
		t.Errorf("reply_markup kept as JSON text: got %s", c.Params["reply_markup"])
	}
	if v := s.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

func TestOtherMethodsAnswer(t *testing.T) {
	s := New(t)
	b := newBot(t, s)
	ctx := context.Background()
	if _, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: 1, Action: models.ChatActionTyping}); err != nil {
		t.Error(err)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "x"}); err != nil {
		t.Error(err)
	}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "Start"}}}); err != nil {
		t.Error(err)
	}
	if m, err := b.SendVenue(ctx, &bot.SendVenueParams{ChatID: 1, Latitude: 51.5, Longitude: 7.4, Title: "Sozialamt", Address: "Luisenstr. 11"}); err != nil || m.Venue == nil {
		t.Errorf("sendVenue: %v %+v", err, m)
	}
	if _, err := b.SendLocation(ctx, &bot.SendLocationParams{ChatID: 1, Latitude: 51.5, Longitude: 7.4}); err != nil {
		t.Error(err)
	}
	if m, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 1, MessageID: 7, Text: "neu"}); err != nil || m.ID != 7 {
		t.Errorf("editMessageText: %v %+v", err, m)
	}
	if _, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: 2, MessageID: 7}); err != nil {
		t.Error(err)
	}
	if _, err := b.AnswerInlineQuery(ctx, &bot.AnswerInlineQueryParams{InlineQueryID: "q", Results: []models.InlineQueryResult{
		&models.InlineQueryResultArticle{ID: "a", Title: "A", InputMessageContent: &models.InputTextMessageContent{MessageText: "<b>x</b>", ParseMode: models.ParseModeHTML}},
	}}); err != nil {
		t.Error(err)
	}
	if me, err := b.GetMe(ctx); err != nil || me.ID != BotID {
		t.Errorf("getMe: %v %+v", err, me)
	}
	if _, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "https://example.org/hook"}); err != nil {
		t.Error(err)
	}
	if code, _ := getUpdates(t, s, 0, 100, 0); code != http.StatusConflict {
		t.Errorf("getUpdates with webhook set: got %d, want 409", code)
	}
	if _, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); err != nil {
		t.Error(err)
	}
	if _, err := b.LeaveChat(ctx, &bot.LeaveChatParams{ChatID: 1}); err != nil {
		t.Errorf("unknown method should answer ok: %v", err)
	}
	if n := len(s.CallsTo("leaveChat")); n != 1 {
		t.Errorf("leaveChat recorded %d times", n)
	}
	if v := s.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

func TestGetUpdatesOffsetLimitRedelivery(t *testing.T) {
	s := New(t)
	ids := s.AddUpdates(TextUpdate(1, "a"), TextUpdate(2, "b"), TextUpdate(1, "c"))
	if len(ids) != 3 || ids[0] != 1 || ids[2] != 3 {
		t.Fatalf("ids: %v", ids)
	}
	_, us := getUpdates(t, s, 0, 2, 0)
	if len(us) != 2 || us[0].ID != 1 || us[1].ID != 2 || us[0].Message.Text != "a" {
		t.Fatalf("first batch: %+v", us)
	}
	// Not confirmed: delivered again.
	_, us = getUpdates(t, s, 0, 100, 0)
	if len(us) != 3 {
		t.Fatalf("redelivery: got %d updates, want 3", len(us))
	}
	// offset 3 confirms 1 and 2.
	_, us = getUpdates(t, s, 3, 100, 0)
	if len(us) != 1 || us[0].ID != 3 {
		t.Fatalf("after offset 3: %+v", us)
	}
	if s.Pending() != 1 {
		t.Errorf("pending: got %d, want 1", s.Pending())
	}
}

func TestGetUpdatesLongPollReturnsEarly(t *testing.T) {
	s := New(t)
	done := make(chan []models.Update)
	go func() {
		_, us := getUpdates(t, s, 0, 100, 30)
		done <- us
	}()
	s.WaitFor(t, 5*time.Second, "the long poll to arrive", func() bool { return s.Count("getUpdates", 0) == 1 })
	s.AddUpdates(TextUpdate(5, "hallo"))
	select {
	case us := <-done:
		if len(us) != 1 {
			t.Errorf("got %d updates", len(us))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("long poll did not return when an update arrived")
	}
}

func TestGetUpdatesConflictWithNewerPoll(t *testing.T) {
	s := New(t)
	codes := make(chan int)
	go func() {
		code, _ := getUpdates(t, s, 0, 100, 30)
		codes <- code
	}()
	s.WaitFor(t, 5*time.Second, "first poll", func() bool { return s.Count("getUpdates", 0) == 1 })
	getUpdates(t, s, 0, 100, 0)
	if code := <-codes; code != http.StatusConflict {
		t.Errorf("older poll: got %d, want 409", code)
	}
}

func TestScriptBlockAndHangup(t *testing.T) {
	s := New(t)
	b := newBot(t, s)
	ctx := context.Background()
	s.Script("sendMessage", Response{Status: 429, RetryAfter: 7}, Response{Status: 502}, Response{Hangup: true})
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 1, Text: "x"})
	var tooMany *bot.TooManyRequestsError
	if !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 {
		t.Errorf("scripted 429: got %v", err)
	}
	if _, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 1, Text: "x"}); err == nil || !strings.Contains(err.Error(), "502") {
		t.Errorf("scripted 502: got %v", err)
	}
	if _, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 1, Text: "x"}); err == nil {
		t.Error("scripted hang-up: got no error")
	}
	if _, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 1, Text: "x"}); err != nil {
		t.Errorf("after the script: %v", err)
	}
	s.Block(9)
	if _, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 9, Text: "x"}); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("blocked chat: got %v", err)
	}
	statuses := []int{}
	for _, c := range s.CallsTo("sendMessage") {
		statuses = append(statuses, c.Status)
	}
	want := []int{429, 502, -1, 200, 403}
	if len(statuses) != len(want) {
		t.Fatalf("statuses: got %v, want %v", statuses, want)
	}
	for i := range want {
		if statuses[i] != want[i] {
			t.Errorf("statuses: got %v, want %v", statuses, want)
			break
		}
	}
	if v := s.Violations(); len(v) != 1 || !strings.Contains(v[0], "blocked") {
		t.Errorf("violations: %v", v)
	}
}

func TestScriptedDelayEndsWithClient(t *testing.T) {
	s := New(t)
	b := newBot(t, s)
	s.Script("sendMessage", Response{Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 1, Text: "x"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want deadline exceeded", err)
	}
}

func TestContentViolations(t *testing.T) {
	long := strings.Repeat("ä", 4097)
	emoji := strings.Repeat("😀", 2049) // 4098 UTF-16 units, 2049 runes
	tests := []struct {
		name      string
		params    bot.SendMessageParams
		violation string
	}{
		{"ok 4096 with tags", bot.SendMessageParams{Text: "<b>" + strings.Repeat("a", 4096) + "</b>", ParseMode: models.ParseModeHTML}, ""},
		{"too long", bot.SendMessageParams{Text: long}, "too long"},
		{"emoji count twice", bot.SendMessageParams{Text: emoji}, "too long"},
		{"entities count once", bot.SendMessageParams{Text: strings.Repeat("&amp;", 4096), ParseMode: models.ParseModeHTML}, ""},
		{"empty", bot.SendMessageParams{Text: ""}, "empty"},
		{"only tags", bot.SendMessageParams{Text: "<b></b>", ParseMode: models.ParseModeHTML}, "empty"},
		{"unknown tag", bot.SendMessageParams{Text: "<div>x</div>", ParseMode: models.ParseModeHTML}, "unsupported start tag"},
		{"unclosed", bot.SendMessageParams{Text: "<b>x", ParseMode: models.ParseModeHTML}, "end tag"},
		{"misnested", bot.SendMessageParams{Text: "<b><i>x</b></i>", ParseMode: models.ParseModeHTML}, "end tag"},
		{"bare ampersand", bot.SendMessageParams{Text: "A & B", ParseMode: models.ParseModeHTML}, "'&'"},
		{"bare less-than", bot.SendMessageParams{Text: "a < b", ParseMode: models.ParseModeHTML}, "start tag"},
		{"bare greater-than", bot.SendMessageParams{Text: "a > b", ParseMode: models.ParseModeHTML}, "'>'"},
		{"plain text may contain <", bot.SendMessageParams{Text: "a < b & c"}, ""},
		{"link", bot.SendMessageParams{Text: `<a href="https://dortmund.de/?a=1&amp;b=2">Link</a>`, ParseMode: models.ParseModeHTML}, ""},
		{"link without href", bot.SendMessageParams{Text: `<a>Link</a>`, ParseMode: models.ParseModeHTML}, "href"},
		{"spoiler", bot.SendMessageParams{Text: `<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>`, ParseMode: models.ParseModeHTML}, ""},
		{"span other class", bot.SendMessageParams{Text: `<span class="red">x</span>`, ParseMode: models.ParseModeHTML}, "tg-spoiler"},
		{"pre code blockquote", bot.SendMessageParams{Text: `<pre><code class="language-go">x</code></pre><blockquote expandable>q</blockquote>`, ParseMode: models.ParseModeHTML}, ""},
		{"numeric entity", bot.SendMessageParams{Text: "&#228;&#x1F600;", ParseMode: models.ParseModeHTML}, ""},
		{"nbsp unsupported", bot.SendMessageParams{Text: "a&nbsp;b", ParseMode: models.ParseModeHTML}, "entity"},
		{"callback data 65 bytes", bot.SendMessageParams{Text: "x", ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "k", CallbackData: strings.Repeat("ü", 33)}}}}}, "callback_data"},
		{"callback data 64 bytes", bot.SendMessageParams{Text: "x", ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "k", CallbackData: strings.Repeat("ü", 32)}}}}}, ""},
	}
	for i, tt := range tests {
		s := New(t)
		b := newBot(t, s)
		p := tt.params
		p.ChatID = int64(i + 1)
		_, err := b.SendMessage(context.Background(), &p)
		v := s.Violations()
		if tt.violation == "" {
			if len(v) != 0 || err != nil {
				t.Errorf("%s: got violations %v, err %v; want none", tt.name, v, err)
			}
			continue
		}
		if len(v) != 1 || !strings.Contains(v[0], tt.violation) {
			t.Errorf("%s: got violations %q, want one containing %q", tt.name, v, tt.violation)
		}
		if !errors.Is(err, bot.ErrorBadRequest) {
			t.Errorf("%s: got error %v, want 400", tt.name, err)
		}
	}
}

func TestCaptionLimit(t *testing.T) {
	s := New(t)
	b := newBot(t, s)
	_, err := b.SendPhoto(context.Background(), &bot.SendPhotoParams{ChatID: 1,
		Photo:   &models.InputFileUpload{Filename: "p.jpg", Data: strings.NewReader("JPEG")},
		Caption: strings.Repeat("x", 1025)})
	if !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("got %v, want 400", err)
	}
	c := s.CallsTo("sendPhoto")
	if len(c) != 1 || string(c[0].Files["photo"]) != "JPEG" {
		t.Errorf("file not recorded: %+v", c)
	}
	if v := s.Violations(); len(v) != 1 || !strings.Contains(v[0], "caption") {
		t.Errorf("violations: %v", v)
	}
}

func TestRateRules(t *testing.T) {
	s := New(t)
	b := newBot(t, s)
	ctx := context.Background()
	// Per chat: a burst of 3 passes, the 4th at once is over the limit.
	for i := 0; i < 4; i++ {
		if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 1, Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if v := s.Violations(); len(v) != 1 || !strings.Contains(v[0], "per second sustained in one chat") {
		t.Errorf("per chat: %v", v)
	}
	// Overall: 30 chats pass, the 31st within the second does not; with
	// enforcement on it is answered 429.
	s2 := New(t)
	s2.EnforceRateLimits(true)
	b2 := newBot(t, s2)
	var tooMany *bot.TooManyRequestsError
	for i := 0; i < 31; i++ {
		_, err := b2.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(100 + i), Text: "x"})
		if i < 30 && err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
		if i == 30 && (!errors.As(err, &tooMany) || tooMany.RetryAfter < 1) {
			t.Errorf("31st send: got %v, want 429 with retry_after", err)
		}
	}
	if v := s2.Violations(); len(v) != 1 || !strings.Contains(v[0], "overall") {
		t.Errorf("overall: %v", v)
	}
	if n := s2.Count("sendMessage", 429); n != 1 {
		t.Errorf("429 count: %d", n)
	}
}

func TestWrongToken(t *testing.T) {
	s := New(t)
	resp, err := s.Client().Get(s.URL() + "/bot1:WRONG/getMe")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("got %d, want 401", resp.StatusCode)
	}
}

func TestJSONParams(t *testing.T) {
	s := New(t)
	body := `{"chat_id":5,"text":"hi","reply_markup":{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}}`
	resp, err := s.Client().Post(s.URL()+"/bot"+Token+"/sendMessage", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	c := s.CallsTo("sendMessage")[0]
	if c.Params["chat_id"] != "5" || c.Params["text"] != "hi" || !strings.HasPrefix(c.Params["reply_markup"], `{"inline_keyboard"`) {
		t.Errorf("params: %v", c.Params)
	}
}
