package bot

import (
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// keyboard builds an inline keyboard. A button whose callback data would
// not be valid is left out rather than sent (Telegram would refuse the
// whole message).
type keyboard struct {
	rows [][]models.InlineKeyboardButton
}

func (k *keyboard) button(text string, cb callback) (models.InlineKeyboardButton, bool) {
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
		if btn, ok := k.button(b.text, b.cb); ok {
			row = append(row, btn)
		}
	}
	if len(row) > 0 {
		k.rows = append(k.rows, row)
	}
}

// grid adds buttons, perRow in a row.
func (k *keyboard) grid(perRow int, buttons []labelled) {
	for i := 0; i < len(buttons); i += perRow {
		k.row(buttons[i:min(i+perRow, len(buttons))]...)
	}
}

func (k *keyboard) markup() models.ReplyMarkup {
	if len(k.rows) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: k.rows}
}

// rowsOf returns the rows of an inline keyboard (none for anything else).
func rowsOf(m models.ReplyMarkup) [][]models.InlineKeyboardButton {
	if k, ok := m.(*models.InlineKeyboardMarkup); ok {
		return k.InlineKeyboard
	}
	return nil
}

type labelled struct {
	text string
	cb   callback
}

func btn(text string, a action, id, arg string) labelled {
	return labelled{text, callback{Action: a, ID: id, Arg: arg}}
}

// feedbackRow is 👍/👎 for the answer with the id.
func (k *keyboard) feedbackRow(id, lang string) {
	k.row(btn(tr(lang, btnHelpful), actFeedback, id, "u"), btn(tr(lang, btnNotHelpful), actFeedback, id, "d"))
}

// topicKeyboard goes with a topic's card.
func topicKeyboard(kb *knowledge.Base, t *knowledge.Topic, lang string) models.ReplyMarkup {
	var k keyboard
	var first []labelled
	if hasDetails(t) {
		first = append(first, btn(tr(lang, btnDetails), actDetails, t.ID, ""))
	}
	if len(kb.OfficesOf(t)) > 0 {
		first = append(first, btn(tr(lang, btnWhere), actWhere, t.ID, ""))
	}
	k.row(first...)
	k.row(btn(tr(lang, btnOtherTopics), actMenu, "", ""))
	k.feedbackRow(t.ID, lang)
	return k.markup()
}

// officeKeyboard goes with an office's card.
func officeKeyboard(o *knowledge.Office, lang string) models.ReplyMarkup {
	var k keyboard
	k.row(btn(tr(lang, btnOtherTopics), actMenu, "", ""))
	k.feedbackRow(o.ID, lang)
	return k.markup()
}

// menuKeyboard has one "Andere Themen" button.
func menuKeyboard(lang string, key msgKey) models.ReplyMarkup {
	var k keyboard
	k.row(btn(tr(lang, key), actMenu, "", ""))
	return k.markup()
}

// popularTopics are offered on /start, in this order, where they exist.
var popularTopics = []string{
	"grundsicherung", "hilfe-zur-pflege", "seniorenbueros", "behindertenfahrdienst",
	"wohnungslosenhilfe", "lokal-willkommen", "dortmund-pass", "sozialamt-kontakt",
}

// startKeyboard offers the most asked-for topics and all topics.
func startKeyboard(kb *knowledge.Base, lang string) models.ReplyMarkup {
	var k keyboard
	var buttons []labelled
	for _, id := range popularTopics {
		if t := kb.Topic(id); t != nil {
			buttons = append(buttons, btn(t.Title.In(lang), actTopic, t.ID, ""))
		}
	}
	k.grid(2, buttons)
	k.row(btn(tr(lang, btnAllTopics), actMenu, "", ""))
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
	k.row(btn(tr(lang, btnBack), actBack, "", ""))
	return k.markup()
}

// suggestionsKeyboard offers the closest hits ("Meinten Sie …?").
func suggestionsKeyboard(kb *knowledge.Base, hits []index.Hit, lang string) models.ReplyMarkup {
	var k keyboard
	for _, h := range hits {
		switch h.Kind {
		case index.KindTopic:
			if t := kb.Topic(h.ID); t != nil {
				k.row(btn(t.Title.In(lang), actTopic, t.ID, ""))
			}
		case index.KindOffice:
			if o := kb.Office(h.ID); o != nil {
				k.row(btn(officeName(o, lang), actOffice, o.ID, ""))
			}
		}
	}
	k.row(btn(tr(lang, btnAllTopics), actMenu, "", ""))
	return k.markup()
}

// districtKeyboard asks for a Stadtbezirk; topic (may be empty) is what the
// answer is about.
func districtKeyboard(kb *knowledge.Base, districts []string, topic string) models.ReplyMarkup {
	var k keyboard
	var buttons []labelled
	for _, id := range districts {
		if d := kb.District(id); d != nil {
			buttons = append(buttons, btn(d.Name, actDistrict, d.ID, topic))
		}
	}
	k.grid(2, buttons)
	return k.markup()
}

func languageKeyboard() models.ReplyMarkup {
	var k keyboard
	k.row(btn("Deutsch", actLanguage, "de", ""), btn("English", actLanguage, "en", ""))
	return k.markup()
}

// locationKeyboard is the reply keyboard with "📍 Standort senden"; it works
// only in private chats, and not in Telegram's web clients.
func locationKeyboard(lang string) models.ReplyMarkup {
	return &models.ReplyKeyboardMarkup{
		Keyboard:       [][]models.KeyboardButton{{{Text: tr(lang, btnSendLocation), RequestLocation: true}}},
		ResizeKeyboard: true,
	}
}
