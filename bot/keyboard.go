package bot

import (
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// keyboard builds an inline keyboard. A button whose callback data would
// not be valid is left out rather than sent (Telegram would refuse the
// whole message).
type keyboard struct {
	rows [][]models.InlineKeyboardButton
}

func (k *keyboard) button(text string, cb callback) (models.InlineKeyboardButton, bool) {
	if text == "" {
		return models.InlineKeyboardButton{}, false
	}
	data, err := cb.encode()
	if err != nil {
		return models.InlineKeyboardButton{}, false
	}
	return models.InlineKeyboardButton{Text: text, CallbackData: data}, true
}

// row adds one row of buttons, given as pairs of text and callback.
func (k *keyboard) row(buttons ...labelled) {
	var row []models.InlineKeyboardButton
	for _, b := range buttons {
		if b.url != "" {
			row = append(row, models.InlineKeyboardButton{Text: b.text, URL: b.url})
		} else if btn, ok := k.button(b.text, b.cb); ok {
			row = append(row, btn)
		}
	}
	if len(row) > 0 {
		k.rows = append(k.rows, row)
	}
}

func (k *keyboard) markup() models.ReplyMarkup {
	if len(k.rows) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: k.rows}
}

// labelled is a button's text and what it does: a callback, or a URL.
type labelled struct {
	text string
	cb   callback
	url  string
}

func btn(text string, a action, id, arg string) labelled {
	return labelled{text: text, cb: callback{Action: a, ID: id, Arg: arg}}
}

// menuKeyboard has one "Andere Themen" button.
func menuKeyboard(lang string, key answer.MsgKey) models.ReplyMarkup {
	var k keyboard
	k.row(btn(answer.T(lang, key), actMenu, "", ""))
	return k.markup()
}

// categoriesKeyboard lists the categories that have topics.
func categoriesKeyboard(kb *knowledge.Base, lang string) models.ReplyMarkup {
	var k keyboard
	used := map[string]bool{}
	for _, t := range kb.Topics {
		used[t.Category] = true
	}
	for _, c := range kb.Categories {
		if used[c.ID] {
			k.row(btn(c.Title.In(lang), actCategory, c.ID, ""))
		}
	}
	return k.markup()
}

// categoryKeyboard lists the topics of a category and a way back.
func categoryKeyboard(kb *knowledge.Base, category, lang string) models.ReplyMarkup {
	var k keyboard
	for i := range kb.Topics {
		if t := &kb.Topics[i]; t.Category == category {
			k.row(btn(t.Title.In(lang), actTopic, t.ID, ""))
		}
	}
	k.row(btn(answer.T(lang, answer.BtnBack), actBack, "", ""))
	return k.markup()
}

// languageKeyboard lists the languages each by its own name, two a row.
func languageKeyboard() models.ReplyMarkup {
	var k keyboard
	for i := 0; i < len(answer.Langs); i += 2 {
		var row []labelled
		for _, l := range answer.Langs[i:min(i+2, len(answer.Langs))] {
			row = append(row, btn(answer.LangName(l), actLanguage, l, ""))
		}
		k.row(row...)
	}
	return k.markup()
}

// locationKeyboard is the reply keyboard with "📍 Standort senden"; it works
// only in private chats, and not in Telegram's web clients.
func locationKeyboard(lang string) models.ReplyMarkup {
	return &models.ReplyKeyboardMarkup{
		Keyboard:       [][]models.KeyboardButton{{{Text: answer.T(lang, answer.BtnSendLocation), RequestLocation: true}}},
		ResizeKeyboard: true,
	}
}

// startKeyboard offers the most asked-for topics and all topics.
func startKeyboard(kb *knowledge.Base, lang string) models.ReplyMarkup {
	var m answer.Message
	answer.StartButtons(&m, kb, lang)
	return replyOf(m).markup
}
