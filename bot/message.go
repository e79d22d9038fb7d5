package bot

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/bot/redact"
	"github.com/sozialamt-dortmund/sozialbot/index"
)

func (c *Conversation) onMessage(ctx context.Context, b *tgbot.Bot, m *models.Message) {
	private := m.Chat.Type == models.ChatTypePrivate
	group := isGroup(m.Chat.Type)
	if !private && !group || m.From != nil && m.From.IsBot {
		return
	}
	lang := c.langOf(m.From)
	to := target{chat: m.Chat.ID}
	if m.IsTopicMessage {
		to.thread = m.MessageThreadID
	}
	if group {
		to.replyTo = m.ID
	}

	if name, args, ok := c.parseCommand(m.Text); ok {
		c.onCommand(ctx, b, m, to, lang, name, args, private)
		return
	}
	text := m.Text
	if group {
		// In groups the bot speaks only when spoken to.
		q, ok := c.mentioned(text)
		if !ok {
			return
		}
		text = q
	}
	switch {
	case m.Location != nil:
		if private {
			c.deliver(ctx, b, to, c.locationReply(m, lang))
		}
	case m.Text == "":
		if private {
			c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgNotText), markup: menuKeyboard(lang, answer.BtnAllTopics)})
		}
	case private && isLocationButton(text):
		// Telegram's web clients send the button's text instead of a location.
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgLocationNoGPS)})
	default:
		c.deliver(ctx, b, to, c.question(ctx, b, to, m, text, private))
	}
}

func isLocationButton(text string) bool {
	text = strings.TrimSpace(text)
	return slices.Contains(answer.Labels(answer.BtnSendLocation), text)
}

// mentioned returns the question in a group message that mentions the bot.
func (c *Conversation) mentioned(text string) (string, bool) {
	if c.cfg.BotUsername == "" {
		return "", false
	}
	at := "@" + strings.ToLower(c.cfg.BotUsername)
	lower := strings.ToLower(text)
	i := strings.Index(lower, at)
	if i < 0 || len(lower) != len(text) {
		// ToLower changed the length (rare scripts): look for the exact name.
		i = strings.Index(text, "@"+c.cfg.BotUsername)
		if i < 0 {
			return "", false
		}
	}
	end := i + len(at)
	if end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return "", false // @sozialbot_test is someone else
		}
	}
	return strings.TrimSpace(text[:i] + " " + text[end:]), true
}

// question decides what to say to a free-text message and renders it. In a
// private chat the conversation's memory takes part; in a group each
// message stands alone, because several people talk there.
func (c *Conversation) question(ctx context.Context, b *tgbot.Bot, to target, m *models.Message, text string, private bool) reply {
	kb := c.cfg.Base()
	var st answer.State
	if private {
		st = c.memory.Get(m.Chat.ID)
	}
	p := c.person(m.From)
	if strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
		c.typing(ctx, b, to)
	}
	sctx, cancel := context.WithTimeout(ctx, c.cfg.SearchTimeout)
	d, err := c.answers.Decide(sctx, &st, text, p)
	cancel()
	if err != nil {
		c.log.Error("search failed", "err", err)
		lang := c.langOf(m.From)
		return reply{text: answer.T(lang, answer.MsgError), markup: menuKeyboard(lang, answer.BtnAllTopics)}
	}
	if private {
		c.memory.Put(m.Chat.ID, st)
	}
	c.recordDecision(d, text)
	return replyOf(answer.Render(kb, d))
}

// chosen renders a decision made without a message (a button, a deep link)
// and keeps the conversation's memory up to date.
func (c *Conversation) chosen(chat int64, private bool, u *models.User, decide func(*answer.State, answer.Person) answer.Decision) reply {
	var st answer.State
	if private {
		st = c.memory.Get(chat)
	}
	d := decide(&st, c.person(u))
	if private {
		c.memory.Put(chat, st)
	}
	c.recordDecision(d, "")
	return replyOf(answer.Render(c.cfg.Base(), d))
}

// recordDecision counts an answer, or keeps a declined question, masked
// and without any id, for staff. The log holds no text and no id.
func (c *Conversation) recordDecision(d answer.Decision, text string) {
	id, _, answered := d.Answered()
	c.log.Info("decision", "kind", string(d.Kind), "aspect", string(d.Aspect), "lang", d.Lang, "id", id, "followup", d.Followup)
	switch {
	case answered:
		c.record(Event{Outcome: OutcomeAnswered, Topic: id, Lang: d.Lang})
	case d.Kind == answer.KindDeclined && d.Reason != index.ReasonEmpty && text != "":
		c.record(Event{Outcome: OutcomeDeclined, Lang: d.Lang, Reason: d.Reason, Question: redact.Question(text)})
	}
}

// person is what the answer step needs to know about a user: the phone's
// language and the language chosen with /sprache.
func (c *Conversation) person(u *models.User) answer.Person {
	if u == nil {
		return answer.Person{}
	}
	chosen, _ := c.langs.get(u.ID)
	return answer.Person{PhoneLang: u.LanguageCode, ChosenLang: chosen}
}
