package bot

import (
	"math"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// maxDistrictKm is how far a shared location may be from the nearest
// district centre and still count as being in Dortmund. The city is about
// 21 km wide; no point in it is farther than this from every centre.
const maxDistrictKm = 10

// nearestDistrict returns the Stadtbezirk whose centre is nearest to the
// point, and the distance in km; ok is false when no district has a centre.
// The result is approximate: centres are not borders.
func nearestDistrict(kb *knowledge.Base, lat, lon float64) (d *knowledge.District, km float64, ok bool) {
	best := math.Inf(1)
	for i := range kb.Districts {
		c := kb.Districts[i].Center
		if c == nil {
			continue
		}
		if dist := haversineKm(lat, lon, c.Lat, c.Lon); dist < best {
			best, d = dist, &kb.Districts[i]
		}
	}
	if d == nil {
		return nil, 0, false
	}
	return d, best, true
}

// haversineKm is the great-circle distance between two points in km.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// locationReply finds the Stadtbezirk of a shared location: the office
// there of the conversation's topic, or else the district's offices.
func (c *Conversation) locationReply(m *models.Message, lang string) reply {
	kb := c.cfg.Base()
	d, km, ok := nearestDistrict(kb, m.Location.Latitude, m.Location.Longitude)
	switch {
	case !ok:
		return reply{text: answer.T(lang, answer.MsgLocationNoCenters)}
	case km > maxDistrictKm:
		return reply{text: answer.T(lang, answer.MsgLocationFar), markup: menuKeyboard(lang, answer.BtnAllTopics)}
	}
	c.log.Info("location", "district", d.ID)
	r := c.chosen(m.Chat.ID, true, m.From, func(st *answer.State, p answer.Person) answer.Decision {
		return c.answers.District(st, d.ID, kb.Topic(st.Topic), p)
	})
	r.text = paragraphs(answer.T(lang, answer.MsgLocationResult, esc(d.Name)), r.text)
	return r
}
