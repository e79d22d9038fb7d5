package bot

import (
	"context"
	"runtime/debug"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// Handle answers one update, sending through b. It never panics and never
// returns an error: what goes wrong is logged (without text or ids) and,
// where a chat is known, the citizen gets a short apology with a way forward.
// Its signature is a tgbot.HandlerFunc, so it can be the default handler.
func (c *Conversation) Handle(ctx context.Context, b *tgbot.Bot, u *models.Update) {
	if u == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			c.log.Error("handler panic", "update_kind", updateKind(u), "panic", r, "stack", string(debug.Stack()))
			if chat, lang, ok := c.chatOf(u); ok {
				c.deliver(ctx, b, target{chat: chat}, reply{text: answer.T(lang, answer.MsgError)})
			}
		}
	}()
	switch {
	case u.Message != nil:
		c.onMessage(ctx, b, u.Message)
	case u.CallbackQuery != nil:
		c.onCallback(ctx, b, u.CallbackQuery)
	case u.InlineQuery != nil:
		c.onInline(ctx, b, u.InlineQuery)
	}
	// Edited messages, channel posts, member updates and the rest need no answer.
}

func updateKind(u *models.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.InlineQuery != nil:
		return "inline_query"
	}
	return "other"
}

// chatOf is where an apology for u can go.
func (c *Conversation) chatOf(u *models.Update) (int64, string, bool) {
	switch {
	case u.Message != nil && u.Message.Chat.Type == models.ChatTypePrivate:
		return u.Message.Chat.ID, c.langOf(u.Message.From), true
	case u.CallbackQuery != nil && u.CallbackQuery.Message.Message != nil:
		return u.CallbackQuery.Message.Message.Chat.ID, c.langOf(&u.CallbackQuery.From), true
	}
	return 0, "", false
}

// target is where a reply goes.
type target struct {
	chat    int64
	thread  int // forum topic in a supergroup
	replyTo int // in groups, the message answered
}

func isGroup(t models.ChatType) bool {
	return t == models.ChatTypeGroup || t == models.ChatTypeSupergroup
}

// TooFast tells a user who sends too much in a short time to wait (for
// delivery.Config.OnLimited). Inline queries get no answer: Telegram shows
// none. It is safe for concurrent use.
func (c *Conversation) TooFast(ctx context.Context, b *tgbot.Bot, u *models.Update) {
	switch {
	case u.CallbackQuery != nil:
		c.answerCallback(ctx, b, u.CallbackQuery.ID, answer.T(c.langOf(&u.CallbackQuery.From), answer.MsgTooFast))
	case u.Message != nil && u.Message.Chat.Type == models.ChatTypePrivate:
		c.deliver(ctx, b, target{chat: u.Message.Chat.ID}, reply{text: answer.T(c.langOf(u.Message.From), answer.MsgTooFast)})
	}
}

// Lost asks a person to send their last message again: the bot had taken it
// but stopped before answering, and keeps no copy of it (for
// delivery.Config.OnLost). languageCode is the sender's Telegram language.
func (c *Conversation) Lost(ctx context.Context, b *tgbot.Bot, chatID int64, languageCode string) {
	lang := c.langOf(&models.User{ID: chatID, LanguageCode: languageCode})
	c.deliver(ctx, b, target{chat: chatID}, reply{text: answer.T(lang, answer.MsgLost)})
}

// Apologize tells the user that something went wrong (for
// delivery.Config.OnPanic); Handle recovers its own panics, so this is for
// failures around it. A pressed button is answered too.
func (c *Conversation) Apologize(ctx context.Context, b *tgbot.Bot, u *models.Update) {
	if u.CallbackQuery != nil {
		c.answerCallback(ctx, b, u.CallbackQuery.ID, "")
	}
	if chat, lang, ok := c.chatOf(u); ok {
		c.deliver(ctx, b, target{chat: chat}, reply{text: answer.T(lang, answer.MsgError)})
	}
}
