package bot

import (
	"context"
	"errors"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// maxVenues is the most map pins sent with one answer.
const maxVenues = 3

var noPreview = func() *models.LinkPreviewOptions {
	yes := true
	return &models.LinkPreviewOptions{IsDisabled: &yes}
}()

// deliver sends a reply: its text split into messages of at most
// MaxMessageLen characters (the keyboard goes with the last one), then the
// offices with coordinates as map pins. It reports whether everything
// was sent; failures are logged.
func (c *Conversation) deliver(ctx context.Context, b *tgbot.Bot, to target, r reply) bool {
	parts := splitMessage(r.text, MaxMessageLen)
	for i, part := range parts {
		p := &tgbot.SendMessageParams{
			ChatID:             to.chat,
			MessageThreadID:    to.thread,
			Text:               part,
			ParseMode:          models.ParseModeHTML,
			LinkPreviewOptions: noPreview,
		}
		if i == 0 && to.replyTo != 0 {
			p.ReplyParameters = &models.ReplyParameters{MessageID: to.replyTo, AllowSendingWithoutReply: true}
		}
		if i == len(parts)-1 && r.markup != nil {
			p.ReplyMarkup = r.markup
		}
		if !c.sendMessage(ctx, b, p) {
			return false
		}
	}
	for i, v := range r.venues {
		if i == maxVenues {
			break
		}
		if !c.sendVenue(ctx, b, to, v) {
			return false
		}
	}
	return true
}

// sendMessage sends one message. When Telegram refuses it as a bad request
// (for example HTML it cannot parse), it tries once more as plain text.
func (c *Conversation) sendMessage(ctx context.Context, b *tgbot.Bot, p *tgbot.SendMessageParams) bool {
	_, err := b.SendMessage(ctx, p)
	if err == nil {
		return true
	}
	c.report("sendMessage", err)
	if !errors.Is(err, tgbot.ErrorBadRequest) || p.ParseMode == "" {
		return false
	}
	plain := *p
	plain.ParseMode = ""
	plain.Text = plainText(p.Text)
	if _, err := b.SendMessage(ctx, &plain); err != nil {
		c.report("sendMessage", err)
		return false
	}
	return true
}

// sendVenue puts an office on the map.
func (c *Conversation) sendVenue(ctx context.Context, b *tgbot.Bot, to target, v venue) bool {
	_, err := b.SendVenue(ctx, &tgbot.SendVenueParams{
		ChatID:          to.chat,
		MessageThreadID: to.thread,
		Latitude:        v.lat,
		Longitude:       v.lon,
		Title:           v.title,
		Address:         v.address,
	})
	if err != nil {
		c.report("sendVenue", err)
		return false
	}
	return true
}

// edit replaces the text and keyboard of a message the bot sent before
// (for browsing the topics in place). When that is not possible it sends
// the reply as a new message.
func (c *Conversation) edit(ctx context.Context, b *tgbot.Bot, chat int64, msgID int, r reply) {
	inline, _ := r.markup.(*models.InlineKeyboardMarkup)
	if msgID == 0 || len(splitMessage(r.text, MaxMessageLen)) != 1 || r.markup != nil && inline == nil {
		c.deliver(ctx, b, target{chat: chat}, r)
		return
	}
	p := &tgbot.EditMessageTextParams{
		ChatID:             chat,
		MessageID:          msgID,
		Text:               r.text,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: noPreview,
	}
	if inline != nil {
		p.ReplyMarkup = inline
	}
	_, err := b.EditMessageText(ctx, p)
	switch {
	case err == nil:
	case errors.Is(err, tgbot.ErrorBadRequest):
		// Most often "message is not modified": the same button twice.
		c.log.Info("telegram refused an edit", "method", "editMessageText", "err", err)
	default:
		c.report("editMessageText", err)
		c.deliver(ctx, b, target{chat: chat}, r)
	}
}

// typing shows "typing…" while the bot searches.
func (c *Conversation) typing(ctx context.Context, b *tgbot.Bot, to target) {
	_, err := b.SendChatAction(ctx, &tgbot.SendChatActionParams{ChatID: to.chat, MessageThreadID: to.thread, Action: models.ChatActionTyping})
	if err != nil {
		c.report("sendChatAction", err)
	}
}

// answerCallback stops the spinner on a pressed button, with an optional
// short notice.
func (c *Conversation) answerCallback(ctx context.Context, b *tgbot.Bot, id, text string) {
	if _, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: text}); err != nil {
		c.report("answerCallbackQuery", err)
	}
}

// report logs a failed Bot API call by its kind. It never logs ids: a
// migrate error, which carries a chat id, is logged by its kind only.
func (c *Conversation) report(method string, err error) {
	var tooMany *tgbot.TooManyRequestsError
	var migrate *tgbot.MigrateError
	switch {
	case errors.As(err, &tooMany):
		c.log.Warn("telegram rate limit", "method", method, "retry_after_s", tooMany.RetryAfter)
	case errors.As(err, &migrate):
		c.log.Warn("telegram: group moved to a supergroup", "method", method)
	case errors.Is(err, tgbot.ErrorForbidden):
		c.log.Info("telegram: bot blocked or removed from the chat", "method", method)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		c.log.Warn("telegram call cancelled", "method", method, "err", err)
	default:
		c.log.Error("telegram call failed", "method", method, "err", err)
	}
}
