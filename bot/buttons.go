package bot

import (
	"context"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// onCallback answers a pressed inline button. Every callback query is
// answered (the client shows a spinner until then), also when its data is
// garbage or points to something that no longer exists.
func (c *Conversation) onCallback(ctx context.Context, b *bot.Bot, q *models.CallbackQuery) {
	lang := c.langOf(&q.From)
	cb, err := parseCallback(q.Data)
	var chat int64
	var msgID int
	switch {
	case q.Message.Message != nil:
		chat, msgID = q.Message.Message.Chat.ID, q.Message.Message.ID
	case q.Message.InaccessibleMessage != nil:
		chat = q.Message.InaccessibleMessage.Chat.ID
	}
	if err != nil || chat == 0 {
		c.log.Info("stale or invalid button")
		c.answerCallback(ctx, b, q.ID, tr(lang, msgStaleButton))
		return
	}
	kb := c.cfg.Base()
	to := target{chat: chat}
	if q.Message.Message != nil && q.Message.Message.IsTopicMessage {
		to.thread = q.Message.Message.MessageThreadID
	}
	stale := func() { c.answerCallback(ctx, b, q.ID, tr(lang, msgStaleButton)) }

	switch cb.Action {
	case actTopic:
		t := kb.Topic(cb.ID)
		if t == nil {
			stale()
			return
		}
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, c.topicReply(kb, t, "", lang))
	case actOffice:
		o := kb.Office(cb.ID)
		if o == nil {
			stale()
			return
		}
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, officeReply(o, lang))
	case actDetails:
		t := kb.Topic(cb.ID)
		if t == nil {
			stale()
			return
		}
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, detailsReply(kb, t, lang))
	case actWhere:
		t := kb.Topic(cb.ID)
		if t == nil {
			stale()
			return
		}
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, whereReply(kb, t, lang))
	case actMenu:
		// A new message: the answer the button was under stays readable.
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, reply{text: tr(lang, msgChooseCategory), markup: categoriesKeyboard(kb, lang)})
	case actBack:
		c.answerCallback(ctx, b, q.ID, "")
		c.edit(ctx, b, chat, msgID, reply{text: tr(lang, msgChooseCategory), markup: categoriesKeyboard(kb, lang)})
	case actCategory:
		// Browsing happens in place, in the message with the category list.
		for _, cat := range kb.Categories {
			if cat.ID == cb.ID {
				c.answerCallback(ctx, b, q.ID, "")
				c.edit(ctx, b, chat, msgID, reply{
					text:   tr(lang, msgChooseTopic, esc(cat.Title.In(lang))),
					markup: categoryKeyboard(kb, cat.ID, lang),
				})
				return
			}
		}
		stale()
	case actFeedback:
		if kb.Topic(cb.ID) == nil && kb.Office(cb.ID) == nil {
			stale()
			return
		}
		outcome := OutcomeFeedbackUp
		if cb.Arg == "d" {
			outcome = OutcomeFeedbackDown
		}
		c.record(Event{Outcome: outcome, Topic: cb.ID, Lang: lang})
		c.log.Info("feedback", "id", cb.ID, "outcome", string(outcome))
		c.answerCallback(ctx, b, q.ID, tr(lang, msgFeedbackThanks))
		c.dropFeedbackButtons(ctx, b, chat, q.Message.Message)
		if outcome == OutcomeFeedbackDown {
			c.deliver(ctx, b, to, reply{text: tr(lang, msgFeedbackSorry), markup: menuKeyboard(lang, btnAllTopics)})
		}
	case actLanguage:
		c.langs.set(q.From.ID, cb.ID)
		c.answerCallback(ctx, b, q.ID, "")
		c.edit(ctx, b, chat, msgID, reply{text: tr(cb.ID, msgLanguageSet)})
	case actDistrict:
		d := kb.District(cb.ID)
		if d == nil {
			stale()
			return
		}
		if cb.Arg == "" {
			c.answerCallback(ctx, b, q.ID, "")
			c.deliver(ctx, b, to, districtOfficesReply(kb, d, lang, ""))
			return
		}
		t := kb.Topic(cb.Arg)
		if t == nil {
			stale()
			return
		}
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, c.topicReply(kb, t, d.ID, lang))
	default:
		stale()
	}
}

// dropFeedbackButtons removes 👍/👎 from an answer once it was rated, so that
// one person counts once and sees the vote was taken.
func (c *Conversation) dropFeedbackButtons(ctx context.Context, b *bot.Bot, chat int64, m *models.Message) {
	if m == nil || m.ReplyMarkup == nil {
		return
	}
	kept := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{}}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		var r []models.InlineKeyboardButton
		for _, btn := range row {
			if cb, err := parseCallback(btn.CallbackData); err != nil || cb.Action != actFeedback {
				r = append(r, btn)
			}
		}
		if len(r) > 0 {
			kept.InlineKeyboard = append(kept.InlineKeyboard, r)
		}
	}
	if _, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: chat, MessageID: m.ID, ReplyMarkup: kept}); err != nil {
		c.log.Info("could not remove the feedback buttons", "err", err)
	}
}
