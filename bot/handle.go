package bot

import (
	"context"
	"regexp"
	"runtime/debug"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// MaxQuestionRunes is how much of a message is read as a question; the rest
// is cut off, and the citizen is told so.
const MaxQuestionRunes = 500

// Handle answers one update, sending through b. It never panics and never
// returns an error: what goes wrong is logged (without text or ids) and,
// where a chat is known, the citizen gets a short apology with a way forward.
// Its signature is a bot.HandlerFunc, so it can be the default handler.
func (c *Conversation) Handle(ctx context.Context, b *bot.Bot, u *models.Update) {
	if u == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			c.log.Error("handler panic", "update_kind", updateKind(u), "panic", r, "stack", string(debug.Stack()))
			if chat, lang, ok := c.chatOf(u); ok {
				c.deliver(ctx, b, target{chat: chat}, reply{text: tr(lang, msgError)})
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

func (c *Conversation) onMessage(ctx context.Context, b *bot.Bot, m *models.Message) {
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
			c.deliver(ctx, b, to, c.locationReply(m.Location.Latitude, m.Location.Longitude, lang))
		}
	case m.Text == "":
		if private {
			c.deliver(ctx, b, to, reply{text: tr(lang, msgNotText), markup: menuKeyboard(lang, btnAllTopics)})
		}
	case private && isLocationButton(text):
		// Telegram's web clients send the button's text instead of a location.
		c.deliver(ctx, b, to, reply{text: tr(lang, msgLocationNoGPS)})
	default:
		// Without a choice made with /sprache, a question written in English
		// is answered in English, whatever the phone's language.
		follow := m.From == nil || !c.langChosen(m.From.ID)
		c.deliver(ctx, b, to, c.answer(ctx, b, to, lang, follow, text))
	}
}

func isLocationButton(text string) bool {
	text = strings.TrimSpace(text)
	return text == texts[btnSendLocation].DE || text == texts[btnSendLocation].EN
}

var commandName = regexp.MustCompile(`^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?$`)

// parseCommand reads "/name@Bot args". ok is false for text that is not a
// command, and for a command meant for another bot.
func (c *Conversation) parseCommand(text string) (name, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	first, rest, _ := strings.Cut(text, " ")
	if i := strings.IndexAny(first, "\n\t"); i >= 0 {
		first, rest = first[:i], first[i+1:]+" "+rest
	}
	m := commandName.FindStringSubmatch(first)
	if m == nil {
		return "", "", false
	}
	if m[2] != "" && !strings.EqualFold(m[2], c.cfg.BotUsername) {
		return "", "", false
	}
	return strings.ToLower(m[1]), strings.TrimSpace(rest), true
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

func (c *Conversation) onCommand(ctx context.Context, b *bot.Bot, m *models.Message, to target, lang, name, args string, private bool) {
	kb := c.cfg.Base()
	switch name {
	case "start":
		if r, ok := c.deepLink(kb, args, lang); ok {
			c.deliver(ctx, b, to, r)
			return
		}
		if !c.deliver(ctx, b, to, reply{text: tr(lang, msgStart), markup: startKeyboard(kb, lang)}) {
			return
		}
		if private && hasDistrictCenters(kb) {
			c.deliver(ctx, b, to, reply{text: tr(lang, msgLocationTip), markup: locationKeyboard(lang)})
		}
	case "hilfe", "help":
		c.deliver(ctx, b, to, reply{text: tr(lang, msgHelp), markup: menuKeyboard(lang, btnAllTopics)})
	case "themen", "topics":
		c.deliver(ctx, b, to, reply{text: tr(lang, msgChooseCategory), markup: categoriesKeyboard(kb, lang)})
	case "kontakt", "contact":
		c.deliver(ctx, b, to, c.contactReply(kb, lang))
	case "sprache", "language", "settings":
		c.deliver(ctx, b, to, reply{text: tr(lang, msgChooseLanguage), markup: languageKeyboard()})
	case "datenschutz", "privacy":
		c.deliver(ctx, b, to, reply{text: tr(lang, msgPrivacy)})
	case "status", "reload":
		if !c.isAdmin(m, private) {
			c.unknownCommand(ctx, b, to, lang, private)
			return
		}
		if name == "status" {
			c.deliver(ctx, b, to, reply{text: "<pre>" + esc(c.cfg.Admin.Status()) + "</pre>"})
			return
		}
		if err := c.cfg.Admin.Reload(ctx); err != nil {
			c.log.Warn("admin reload failed", "err", err)
			c.deliver(ctx, b, to, reply{text: tr(lang, msgReloadFailed) + "\n<pre>" + esc(err.Error()) + "</pre>"})
			return
		}
		c.log.Info("admin reload")
		c.deliver(ctx, b, to, reply{text: tr(lang, msgReloaded)})
	default:
		c.unknownCommand(ctx, b, to, lang, private)
	}
}

// unknownCommand answers in private chats; in groups a command the bot does
// not know may be meant for another bot.
func (c *Conversation) unknownCommand(ctx context.Context, b *bot.Bot, to target, lang string, private bool) {
	if private {
		c.deliver(ctx, b, to, reply{text: tr(lang, msgUnknownCommand)})
	}
}

// isAdmin: admin commands exist only for allow-listed numeric user ids, in
// private chats, when an Admin is configured.
func (c *Conversation) isAdmin(m *models.Message, private bool) bool {
	return private && c.cfg.Admin != nil && m.From != nil && c.admins[m.From.ID]
}

var deepLinkPayload = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// deepLink opens the topic or office named by a t.me/<bot>?start=<id> link.
func (c *Conversation) deepLink(kb *knowledge.Base, payload, lang string) (reply, bool) {
	if !deepLinkPayload.MatchString(payload) {
		return reply{}, false
	}
	id := strings.ToLower(payload)
	if t := kb.Topic(id); t != nil {
		c.record(Event{Outcome: OutcomeAnswered, Topic: t.ID, Lang: lang})
		return c.topicReply(kb, t, "", lang), true
	}
	if o := kb.Office(id); o != nil {
		c.record(Event{Outcome: OutcomeAnswered, Topic: o.ID, Lang: lang})
		return officeReply(o, lang), true
	}
	return reply{}, false
}

func hasDistrictCenters(kb *knowledge.Base) bool {
	for _, d := range kb.Districts {
		if d.Center != nil {
			return true
		}
	}
	return false
}

// cleanQuestion makes any text safe to search: valid UTF-8, no control
// characters, at most MaxQuestionRunes characters. cut tells whether text
// was cut.
func cleanQuestion(s string) (q string, cut bool) {
	s = strings.ToValidUTF8(s, " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= MaxQuestionRunes {
		return s, false
	}
	r := []rune(s)[:MaxQuestionRunes]
	if i := strings.LastIndexByte(string(r), ' '); i > MaxQuestionRunes/2 {
		return string(r)[:i], true
	}
	return string(r), true
}

// answer searches a question and renders what to say.
func (c *Conversation) answer(ctx context.Context, b *bot.Bot, to target, lang string, follow bool, text string) reply {
	q, cut := cleanQuestion(text)
	r, lang := c.answerQuestion(ctx, b, to, lang, follow, q)
	if cut {
		r.text = paragraphs(tr(lang, msgTooLong), r.text)
	}
	return r
}

// answerQuestion searches and renders the reply. With follow, a question
// written in English is answered in English; it returns the language used.
func (c *Conversation) answerQuestion(ctx context.Context, b *bot.Bot, to target, lang string, follow bool, q string) (reply, string) {
	kb := c.cfg.Base()
	if q == "" {
		return reply{text: tr(lang, msgEmpty), markup: startKeyboard(kb, lang)}, lang
	}
	c.typing(ctx, b, to)
	sctx, cancel := context.WithTimeout(ctx, c.cfg.SearchTimeout)
	res, err := c.cfg.Search(sctx, q)
	cancel()
	if follow && err == nil && res.Lang == "en" {
		lang = "en"
	}
	if err != nil {
		c.log.Error("search failed", "err", err)
		return reply{text: tr(lang, msgError), markup: menuKeyboard(lang, btnAllTopics)}, lang
	}
	if r, ok := c.answerResult(kb, res, lang); ok {
		return r, lang
	}
	switch res.Reason {
	case index.ReasonEmpty:
		return reply{text: tr(lang, msgEmpty), markup: startKeyboard(kb, lang)}, lang
	case index.ReasonGreeting:
		return reply{text: tr(lang, msgGreeting), markup: startKeyboard(kb, lang)}, lang
	}
	hits := knownHits(kb, res.Hits)
	// A place (a Stadtteil, a postcode) and no clear topic: the offices
	// there, or the question which district, with the closest topics below.
	switch {
	case len(res.Districts) == 1 && kb.District(res.Districts[0]) != nil:
		c.log.Info("district", "district", res.Districts[0], "lang", lang, "hits", len(hits))
		r := districtOfficesReply(kb, kb.District(res.Districts[0]), lang, "")
		if len(hits) > 0 {
			r.text = paragraphs(r.text, tr(lang, msgOrDidYouMean))
			r.markup = suggestionsKeyboard(kb, hits, lang)
		}
		return r, lang
	case len(res.Districts) > 1:
		c.log.Info("asked district", "lang", lang, "hits", len(hits))
		var k keyboard
		k.rows = rowsOf(districtKeyboard(kb, res.Districts, ""))
		text := tr(lang, msgAskDistrict)
		if len(hits) > 0 {
			text = paragraphs(text, tr(lang, msgOrDidYouMean))
			k.rows = append(k.rows, rowsOf(suggestionsKeyboard(kb, hits, lang))...)
		}
		return reply{text: text, markup: k.markup()}, lang
	}
	reason := res.Reason
	if reason == "" {
		reason = index.ReasonOutOfScope
	}
	c.record(Event{Outcome: OutcomeDeclined, Lang: lang, Reason: reason, Question: maskQuestion(q)})
	c.log.Info("declined", "reason", string(reason), "lang", lang, "hits", len(hits))
	if len(hits) > 0 {
		return reply{text: tr(lang, msgUnsure), markup: suggestionsKeyboard(kb, hits, lang)}, lang
	}
	text := tr(lang, msgOutOfScope)
	if mostlyNonLatin(q) {
		text = paragraphs(tr(lang, msgOnlyDEEN), text)
	}
	return reply{text: text, markup: menuKeyboard(lang, btnAllTopics)}, lang
}

// answerResult renders an answered search result: the card of the best hit,
// or the question which Stadtbezirk is meant when the place is ambiguous.
func (c *Conversation) answerResult(kb *knowledge.Base, res index.Result, lang string) (reply, bool) {
	if !res.Answered || len(res.Hits) == 0 {
		return reply{}, false
	}
	hit := res.Hits[0]
	var topic *knowledge.Topic
	var office *knowledge.Office
	switch hit.Kind {
	case index.KindTopic:
		topic = kb.Topic(hit.ID)
	case index.KindOffice:
		office = kb.Office(hit.ID)
	}
	if topic == nil && office == nil {
		return reply{}, false
	}
	if len(res.Districts) > 1 {
		// Never guess between districts: ask. The answer then is the
		// topic's office for the chosen district.
		about := topic
		if about == nil {
			about = localTopicOf(kb, office.ID)
		}
		if about != nil && about.LocalOffices {
			c.log.Info("asked district", "id", about.ID, "lang", lang)
			return reply{
				text:   tr(lang, msgAskDistrictLocal, esc(about.Title.In(lang))),
				markup: districtKeyboard(kb, res.Districts, about.ID),
			}, true
		}
	}
	district := ""
	if len(res.Districts) == 1 {
		district = res.Districts[0]
	}
	if topic != nil {
		c.record(Event{Outcome: OutcomeAnswered, Topic: topic.ID, Lang: lang})
		c.log.Info("answered", "id", topic.ID, "lang", lang)
		return c.topicReply(kb, topic, district, lang), true
	}
	c.record(Event{Outcome: OutcomeAnswered, Topic: office.ID, Lang: lang})
	c.log.Info("answered", "id", office.ID, "lang", lang)
	return officeReply(office, lang), true
}

// localTopicOf is the topic with one office per district that lists the office.
func localTopicOf(kb *knowledge.Base, office string) *knowledge.Topic {
	for i := range kb.Topics {
		t := &kb.Topics[i]
		if !t.LocalOffices {
			continue
		}
		for _, id := range t.Offices {
			if id == office {
				return t
			}
		}
	}
	return nil
}

// knownHits are the hits that still exist in the knowledge base.
func knownHits(kb *knowledge.Base, hits []index.Hit) []index.Hit {
	var out []index.Hit
	for _, h := range hits {
		if h.Kind == index.KindTopic && kb.Topic(h.ID) != nil || h.Kind == index.KindOffice && kb.Office(h.ID) != nil {
			out = append(out, h)
		}
	}
	return out
}

var (
	maskEmail   = regexp.MustCompile(`\S+@\S+`)
	maskMention = regexp.MustCompile(`@\w+`)
	maskDigits  = regexp.MustCompile(`\p{Nd}+`)
)

// maskQuestion removes what could identify a person from a question that
// is kept for staff: e-mail addresses, @names and every number (dates of
// birth, phone and file numbers, also postcodes).
func maskQuestion(q string) string {
	q = maskEmail.ReplaceAllString(q, "[E-Mail]")
	q = maskMention.ReplaceAllString(q, "@[Name]")
	return maskDigits.ReplaceAllString(q, "#")
}

// mostlyNonLatin reports whether a text is written mostly in another script
// (Arabic, Cyrillic …), which the bot cannot read.
func mostlyNonLatin(s string) bool {
	letters, latin := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Latin, r) {
				latin++
			}
		}
	}
	return letters >= 2 && latin*2 < letters
}

// topicReply is a topic's card with its buttons, and the office on the map.
func (c *Conversation) topicReply(kb *knowledge.Base, t *knowledge.Topic, district, lang string) reply {
	text, offices := topicText(kb, t, district, lang, false)
	r := reply{text: text, markup: topicKeyboard(kb, t, lang)}
	for _, o := range offices {
		if o.Geo != nil {
			r.venues = append(r.venues, venueOf(o, lang))
		}
	}
	return r
}

// officeReply is an office's card with its buttons, and the office on the map.
func officeReply(o *knowledge.Office, lang string) reply {
	r := reply{text: officeText(o, lang), markup: officeKeyboard(o, lang)}
	if o.Geo != nil {
		r.venues = []venue{venueOf(o, lang)}
	}
	return r
}

// detailsReply answers "Was brauche ich?".
func detailsReply(kb *knowledge.Base, t *knowledge.Topic, lang string) reply {
	var k keyboard
	if len(kb.OfficesOf(t)) > 0 {
		k.row(btn(tr(lang, btnWhere), actWhere, t.ID, ""))
	}
	k.row(btn(tr(lang, btnOtherTopics), actMenu, "", ""))
	return reply{text: detailsText(t, lang), markup: k.markup()}
}

// whereReply answers "Wo und wann?": all offices, or for a topic with one
// office per district the question which district.
func whereReply(kb *knowledge.Base, t *knowledge.Topic, lang string) reply {
	offices := kb.OfficesOf(t)
	if t.LocalOffices && len(offices) > 1 {
		var districts []string
		seen := map[string]bool{}
		for _, d := range kb.Districts {
			for _, o := range offices {
				if !seen[d.ID] && contains(o.Districts, d.ID) {
					districts = append(districts, d.ID)
					seen[d.ID] = true
				}
			}
		}
		return reply{text: tr(lang, msgAskDistrictLocal, esc(t.Title.In(lang))), markup: districtKeyboard(kb, districts, t.ID)}
	}
	text, all := whereText(kb, t, lang)
	r := reply{text: text, markup: menuKeyboard(lang, btnOtherTopics)}
	for _, o := range all {
		if o.Geo != nil {
			r.venues = append(r.venues, venueOf(o, lang))
		}
	}
	return r
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// districtOfficesReply shows the offices of a Stadtbezirk: for every topic
// with one office per district (Seniorenbüros, lokal willkommen) the office
// that serves it. intro is put before them (e.g. how the district was found).
func districtOfficesReply(kb *knowledge.Base, d *knowledge.District, lang, intro string) reply {
	var offices []*knowledge.Office
	seen := map[string]bool{}
	for i := range kb.Topics {
		t := &kb.Topics[i]
		if !t.LocalOffices {
			continue
		}
		if o := kb.DistrictOfficeFor(t, d.ID); o != nil && !seen[o.ID] {
			offices = append(offices, o)
			seen[o.ID] = true
		}
	}
	if len(offices) == 0 {
		return reply{text: paragraphs(intro, tr(lang, msgNoDistrictOffice, esc(d.Name))), markup: menuKeyboard(lang, btnAllTopics)}
	}
	blocks := []string{intro, tr(lang, msgDistrictOffices, esc(d.Name))}
	r := reply{markup: menuKeyboard(lang, btnOtherTopics)}
	for _, o := range offices {
		blocks = append(blocks, officeText(o, lang))
		if o.Geo != nil {
			r.venues = append(r.venues, venueOf(o, lang))
		}
	}
	r.text = paragraphs(blocks...)
	return r
}

// locationReply finds the Stadtbezirk of a shared location and its offices.
func (c *Conversation) locationReply(lat, lon float64, lang string) reply {
	kb := c.cfg.Base()
	d, km, ok := nearestDistrict(kb, lat, lon)
	switch {
	case !ok:
		return reply{text: tr(lang, msgLocationNoCenters)}
	case km > maxDistrictKm:
		return reply{text: tr(lang, msgLocationFar), markup: menuKeyboard(lang, btnAllTopics)}
	}
	c.log.Info("location", "district", d.ID)
	return districtOfficesReply(kb, d, lang, tr(lang, msgLocationResult, esc(d.Name)))
}

// contactReply answers /kontakt: the topic sozialamt-kontakt and its offices.
func (c *Conversation) contactReply(kb *knowledge.Base, lang string) reply {
	t := kb.Topic("sozialamt-kontakt")
	if t == nil {
		return reply{text: tr(lang, msgNoContact), markup: menuKeyboard(lang, btnAllTopics)}
	}
	text, offices := topicText(kb, t, "", lang, true)
	r := reply{text: text, markup: topicKeyboard(kb, t, lang)}
	for _, o := range offices {
		if o.Geo != nil {
			r.venues = append(r.venues, venueOf(o, lang))
		}
	}
	return r
}

// TooFast tells a user who sends too much in a short time to wait (for
// delivery.Config.OnLimited). Inline queries get no answer: Telegram shows
// none. It is safe for concurrent use.
func (c *Conversation) TooFast(ctx context.Context, b *bot.Bot, u *models.Update) {
	switch {
	case u.CallbackQuery != nil:
		c.answerCallback(ctx, b, u.CallbackQuery.ID, tr(c.langOf(&u.CallbackQuery.From), msgTooFast))
	case u.Message != nil && u.Message.Chat.Type == models.ChatTypePrivate:
		c.deliver(ctx, b, target{chat: u.Message.Chat.ID}, reply{text: tr(c.langOf(u.Message.From), msgTooFast)})
	}
}

// Lost asks a person to send their last message again: the bot had taken it
// but stopped before answering, and keeps no copy of it (for
// delivery.Config.OnLost). languageCode is the sender's Telegram language.
func (c *Conversation) Lost(ctx context.Context, b *bot.Bot, chatID int64, languageCode string) {
	lang := c.langOf(&models.User{ID: chatID, LanguageCode: languageCode})
	c.deliver(ctx, b, target{chat: chatID}, reply{text: tr(lang, msgLost)})
}

// Apologize tells the user that something went wrong (for
// delivery.Config.OnPanic); Handle recovers its own panics, so this is for
// failures around it. A pressed button is answered too.
func (c *Conversation) Apologize(ctx context.Context, b *bot.Bot, u *models.Update) {
	if u.CallbackQuery != nil {
		c.answerCallback(ctx, b, u.CallbackQuery.ID, "")
	}
	if chat, lang, ok := c.chatOf(u); ok {
		c.deliver(ctx, b, target{chat: chat}, reply{text: tr(lang, msgError)})
	}
}
