package bot

import (
	"context"
	"strings"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// maxInlineResults is how many answer cards an inline query offers.
const maxInlineResults = 5

// onInline answers "@bot Grundsicherung" typed in any chat with answer
// cards the user can share. An empty query offers the most asked-for topics.
func (c *Conversation) onInline(ctx context.Context, b *tgbot.Bot, q *models.InlineQuery) {
	lang := c.langOf(q.From)
	kb := c.cfg.Base()
	text := index.Clean(q.Query)
	var hits []index.Hit
	if text == "" {
		for _, id := range answer.PopularTopics {
			if kb.Topic(id) != nil {
				hits = append(hits, index.Hit{ID: id, Kind: index.KindTopic})
			}
		}
	} else {
		sctx, cancel := context.WithTimeout(ctx, c.cfg.SearchTimeout)
		res, err := c.cfg.Search(sctx, text)
		cancel()
		if err != nil {
			c.log.Error("search failed", "err", err)
		}
		// The user picks a card explicitly, so suggestions of an unsure
		// search are offered too.
		if err == nil && (res.Answered || res.Reason == index.ReasonUnsure) {
			for _, h := range res.Hits {
				if kb.Topic(h.ID) != nil || kb.Office(h.ID) != nil {
					hits = append(hits, h)
				}
			}
		}
		c.log.Info("inline", "hits", len(hits), "lang", lang)
	}
	p := &tgbot.AnswerInlineQueryParams{
		InlineQueryID: q.ID,
		Results:       c.inlineResults(kb, hits, lang),
		CacheTime:     300,
		IsPersonal:    true, // the language depends on the user
	}
	p.Button = &models.InlineQueryResultsButton{Text: answer.T(lang, answer.BtnAskInChat), StartParameter: "inline"}
	if _, err := b.AnswerInlineQuery(ctx, p); err != nil {
		c.report("answerInlineQuery", err)
	}
}

func (c *Conversation) inlineResults(kb *knowledge.Base, hits []index.Hit, lang string) []models.InlineQueryResult {
	results := []models.InlineQueryResult{}
	for _, h := range hits {
		if len(results) == maxInlineResults {
			break
		}
		var title, summary, card string
		switch h.Kind {
		case index.KindTopic:
			t := kb.Topic(h.ID)
			if t == nil {
				continue
			}
			title, summary = t.Title.In(lang), t.Summary.In(lang)
			card = answer.Render(kb, c.answers.Topic(&answer.State{}, t, answer.AspectNone, answer.Person{ChosenLang: lang})).HTML()
		case index.KindOffice:
			o := kb.Office(h.ID)
			if o == nil {
				continue
			}
			title, card = o.Name.In(lang), answer.Message{Paras: answer.OfficeCard(o, lang, true, c.now())}.HTML()
			if o.Address != nil {
				summary = o.Address.String()
			}
		default:
			continue
		}
		id := string(h.Kind[0]) + "-" + h.ID
		if len(id) > 64 {
			continue // Telegram would refuse the whole answer
		}
		art := &models.InlineQueryResultArticle{
			ID:          id,
			Title:       title,
			Description: shorten(summary, 120),
			InputMessageContent: &models.InputTextMessageContent{
				MessageText:        c.inlineCard(card, h.ID, lang),
				ParseMode:          models.ParseModeHTML,
				LinkPreviewOptions: noPreview,
			},
		}
		if c.cfg.BotUsername != "" && deepLinkPayload.MatchString(h.ID) {
			art.ReplyMarkup = &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{
				{Text: answer.T(lang, answer.BtnOpenInBot), URL: c.deepLinkURL(h.ID)},
			}}}
		}
		results = append(results, art)
	}
	return results
}

// inlineCard fits a card into one message; what does not fit is left to
// the bot, where the link opens the whole answer.
func (c *Conversation) inlineCard(card, id, lang string) string {
	parts := splitMessage(card, MaxMessageLen)
	if len(parts) <= 1 {
		return card
	}
	more := "…"
	if c.cfg.BotUsername != "" && deepLinkPayload.MatchString(id) {
		more = "… " + `<a href="` + esc(c.deepLinkURL(id)) + `">` + esc(answer.T(lang, answer.BtnOpenInBot)) + `</a>`
	}
	first := splitMessage(card, MaxMessageLen-utf8.RuneCountInString(plainText(more))-2)[0]
	return first + "\n\n" + more
}

// deepLinkURL opens the bot on a topic or office.
func (c *Conversation) deepLinkURL(id string) string {
	return "https://t.me/" + c.cfg.BotUsername + "?start=" + id
}

// shorten cuts plain text to at most n characters, at a word if it can.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
