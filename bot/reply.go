package bot

import (
	"strings"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// reply is one answer of the bot: an HTML text (split into several messages
// when it is long, the keyboard going with the last one), and the offices
// to show on the map afterwards.
type reply struct {
	text   string
	markup models.ReplyMarkup
	venues []venue
}

// venue is an office on the map (sendVenue).
type venue struct {
	title, address string
	lat, lon       float64
}

// replyOf turns a message of package answer into Telegram HTML, an inline
// keyboard whose buttons carry ids, and map pins.
func replyOf(m answer.Message) reply {
	r := reply{text: m.HTML()}
	var k keyboard
	for _, row := range m.Buttons {
		var bs []labelled
		for _, b := range row {
			if cb, ok := callbackOf(b); ok {
				bs = append(bs, labelled{text: b.Text, cb: cb})
			} else if b.Do == answer.DoURL && b.URL != "" {
				bs = append(bs, labelled{text: b.Text, url: b.URL})
			}
		}
		k.row(bs...)
	}
	r.markup = k.markup()
	for _, p := range m.Pins {
		r.venues = append(r.venues, venue{title: p.Title, address: p.Address, lat: p.Lat, lon: p.Lon})
	}
	return r
}

// callbackOf is the callback data of a button of package answer.
func callbackOf(b answer.Button) (callback, bool) {
	acts := map[answer.Do]action{
		answer.DoTopic: actTopic, answer.DoOffice: actOffice, answer.DoAspect: actAspect,
		answer.DoWhere: actWhere, answer.DoDistrict: actDistrict, answer.DoMenu: actMenu,
		answer.DoFeedback: actFeedback, answer.DoGerman: actGerman,
	}
	a, ok := acts[b.Do]
	return callback{Action: a, ID: b.ID, Arg: b.Arg}, ok
}

// paragraphs joins the non-empty blocks of a message with blank lines.
func paragraphs(blocks ...string) string {
	var out []string
	for _, b := range blocks {
		if strings.TrimSpace(b) != "" {
			out = append(out, strings.TrimSpace(b))
		}
	}
	return strings.Join(out, "\n\n")
}
