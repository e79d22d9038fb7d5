package bot

import (
	"context"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// onCallback answers a pressed inline button. Every callback query is
// answered (the client shows a spinner until then), also when its data is
// garbage or points to something that no longer exists.
func (c *Conversation) onCallback(ctx context.Context, b *tgbot.Bot, q *models.CallbackQuery) {
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
		c.answerCallback(ctx, b, q.ID, answer.T(lang, answer.MsgStaleButton))
		return
	}
	kb := c.cfg.Base()
	to := target{chat: chat}
	if q.Message.Message != nil && q.Message.Message.IsTopicMessage {
		to.thread = q.Message.Message.MessageThreadID
	}
	stale := func() { c.answerCallback(ctx, b, q.ID, answer.T(lang, answer.MsgStaleButton)) }

	private := q.Message.Message != nil && q.Message.Message.Chat.Type == models.ChatTypePrivate
	// show renders a decision for the button and keeps the conversation's
	// memory, so that "und was kostet das?" after a button still works.
	show := func(decide func(*answer.State, answer.Person) answer.Decision) {
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, c.chosen(chat, private, &q.From, decide))
	}
	topicAspect := func(aspect answer.Aspect) {
		t := kb.Topic(cb.ID)
		if t == nil {
			stale()
			return
		}
		show(func(st *answer.State, p answer.Person) answer.Decision { return c.answers.Topic(st, t, aspect, p) })
	}

	switch cb.Action {
	case actTopic:
		topicAspect(answer.AspectNone)
	case actAspect:
		a, _ := answer.ParseAspect(cb.Arg)
		topicAspect(a)
	case actDetails:
		// "Was brauche ich?" of answers sent before the aspects existed.
		topicAspect(answer.AspectBring)
	case actWhere:
		topicAspect(answer.AspectWhere)
	case actOffice:
		o := kb.Office(cb.ID)
		if o == nil {
			stale()
			return
		}
		show(func(st *answer.State, p answer.Person) answer.Decision { return c.answers.Office(st, o, p) })
	case actMenu:
		// A new message: the answer the button was under stays readable.
		c.answerCallback(ctx, b, q.ID, "")
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgChooseCategory), markup: categoriesKeyboard(kb, lang)})
	case actBack:
		c.answerCallback(ctx, b, q.ID, "")
		c.edit(ctx, b, chat, msgID, reply{text: answer.T(lang, answer.MsgChooseCategory), markup: categoriesKeyboard(kb, lang)})
	case actCategory:
		// Browsing happens in place, in the message with the category list.
		for _, cat := range kb.Categories {
			if cat.ID == cb.ID {
				c.answerCallback(ctx, b, q.ID, "")
				c.edit(ctx, b, chat, msgID, reply{
					text:   answer.T(lang, answer.MsgChooseTopic, esc(cat.Title.In(lang))),
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
		c.answerCallback(ctx, b, q.ID, answer.T(lang, answer.MsgFeedbackThanks))
		c.dropFeedbackButtons(ctx, b, chat, q.Message.Message)
		if outcome == OutcomeFeedbackDown {
			c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgFeedbackSorry), markup: menuKeyboard(lang, answer.BtnAllTopics)})
		}
	case actGerman:
		// The German text of an answer whose translation is older than it.
		a, _ := answer.ParseAspect(cb.Arg)
		switch t, o := kb.Topic(cb.ID), kb.Office(cb.ID); {
		case t != nil:
			show(func(st *answer.State, p answer.Person) answer.Decision {
				p.ChosenLang = "de"
				return c.answers.Topic(st, t, a, p)
			})
		case o != nil:
			show(func(st *answer.State, p answer.Person) answer.Decision {
				p.ChosenLang = "de"
				return c.answers.Office(st, o, p)
			})
		default:
			stale()
		}
	case actLanguage:
		c.langs.set(q.From.ID, cb.ID)
		c.answerCallback(ctx, b, q.ID, "")
		c.edit(ctx, b, chat, msgID, reply{text: answer.T(cb.ID, answer.MsgLanguageSet)})
	case actDistrict:
		d := kb.District(cb.ID)
		t := kb.Topic(cb.Arg)
		if d == nil || cb.Arg != "" && t == nil {
			stale()
			return
		}
		show(func(st *answer.State, p answer.Person) answer.Decision { return c.answers.District(st, d.ID, t, p) })
	default:
		stale()
	}
}

// dropFeedbackButtons removes 👍/👎 from an answer once it was rated, so that
// one person counts once and sees the vote was taken.
func (c *Conversation) dropFeedbackButtons(ctx context.Context, b *tgbot.Bot, chat int64, m *models.Message) {
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
	if _, err := b.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{ChatID: chat, MessageID: m.ID, ReplyMarkup: kept}); err != nil {
		c.log.Info("could not remove the feedback buttons", "err", err)
	}
}
