package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// commandList is the command menu in a language: English names for
// English, the German names (ASCII, the same in every script) for all other
// languages, with descriptions in the language. Admin commands are not
// listed: for everyone else they do not exist.
func commandList(lang string) []models.BotCommand {
	names := []string{"start", "hilfe", "themen", "kontakt", "sprache", "datenschutz"}
	if lang == "en" {
		names = []string{"start", "help", "topics", "contact", "language", "privacy"}
	}
	keys := []answer.MsgKey{answer.CmdStart, answer.CmdHelp, answer.CmdTopics, answer.CmdContact, answer.CmdLanguage, answer.CmdPrivacy}
	out := make([]models.BotCommand, len(names))
	for i, n := range names {
		out[i] = models.BotCommand{Command: n, Description: answer.T(lang, keys[i])}
	}
	return out
}

// SetCommands registers the command menu with Telegram (setMyCommands):
// German for everyone, and for users whose Telegram is set to one of the
// other languages (answer.Langs), the menu in that language.
// It returns the first error; it is safe to call on every start.
func SetCommands(ctx context.Context, b *tgbot.Bot) error {
	for _, lang := range answer.Langs {
		p := &tgbot.SetMyCommandsParams{Commands: commandList(lang), Scope: &models.BotCommandScopeDefault{}}
		if lang != "de" {
			p.LanguageCode = lang
		}
		if _, err := b.SetMyCommands(ctx, p); err != nil {
			return fmt.Errorf("set %s commands: %w", lang, err)
		}
	}
	return nil
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

func (c *Conversation) onCommand(ctx context.Context, b *tgbot.Bot, m *models.Message, to target, lang, name, args string, private bool) {
	kb := c.cfg.Base()
	switch name {
	case "start":
		// /start begins a new conversation: what was said before is forgotten.
		c.memory.Forget(m.Chat.ID)
		if r, ok := c.deepLink(kb, m, args); ok {
			c.deliver(ctx, b, to, r)
			return
		}
		if !c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgStart), markup: startKeyboard(kb, lang)}) {
			return
		}
		if private && hasDistrictCenters(kb) {
			c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgLocationTip), markup: locationKeyboard(lang)})
		}
	case "hilfe", "help":
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgHelp), markup: menuKeyboard(lang, answer.BtnAllTopics)})
	case "themen", "topics":
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgChooseCategory), markup: categoriesKeyboard(kb, lang)})
	case "kontakt", "contact":
		c.deliver(ctx, b, to, c.contactReply(kb, m, private))
	case "sprache", "language", "settings":
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgChooseLanguage), markup: languageKeyboard()})
	case "datenschutz", "privacy":
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgPrivacy)})
	case "status", "reload":
		if !c.isStaff(m, private) {
			c.unknownCommand(ctx, b, to, lang, private)
			return
		}
		if name == "status" {
			c.deliver(ctx, b, to, reply{text: "<pre>" + esc(c.cfg.Staff.Status()) + "</pre>"})
			return
		}
		if err := c.cfg.Staff.Reload(ctx); err != nil {
			c.log.Warn("admin reload failed", "err", err)
			c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgReloadFailed) + "\n<pre>" + esc(err.Error()) + "</pre>"})
			return
		}
		c.log.Info("admin reload")
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgReloaded)})
	default:
		c.unknownCommand(ctx, b, to, lang, private)
	}
}

// unknownCommand answers in private chats; in groups a command the bot does
// not know may be meant for another bot.
func (c *Conversation) unknownCommand(ctx context.Context, b *tgbot.Bot, to target, lang string, private bool) {
	if private {
		c.deliver(ctx, b, to, reply{text: answer.T(lang, answer.MsgUnknownCommand)})
	}
}

// isStaff: staff commands exist only for allow-listed numeric user ids, in
// private chats, when Staff is configured.
func (c *Conversation) isStaff(m *models.Message, private bool) bool {
	return private && c.cfg.Staff != nil && m.From != nil && c.staff[m.From.ID]
}

var deepLinkPayload = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// deepLink opens the topic or office named by a t.me/<bot>?start=<id> link.
func (c *Conversation) deepLink(kb *knowledge.Base, m *models.Message, payload string) (reply, bool) {
	if !deepLinkPayload.MatchString(payload) {
		return reply{}, false
	}
	id := strings.ToLower(payload)
	if kb.Topic(id) == nil && kb.Office(id) == nil {
		return reply{}, false
	}
	return c.chosen(m.Chat.ID, m.Chat.Type == models.ChatTypePrivate, m.From, func(st *answer.State, p answer.Person) answer.Decision {
		if t := kb.Topic(id); t != nil {
			return c.answers.Topic(st, t, answer.AspectNone, p)
		}
		return c.answers.Office(st, kb.Office(id), p)
	}), true
}

// contactReply answers /kontakt: where and when to reach the Sozialamt.
func (c *Conversation) contactReply(kb *knowledge.Base, m *models.Message, private bool) reply {
	t := kb.Topic("sozialamt-kontakt")
	if t == nil {
		lang := c.langOf(m.From)
		return reply{text: answer.T(lang, answer.MsgNoContact), markup: menuKeyboard(lang, answer.BtnAllTopics)}
	}
	return c.chosen(m.Chat.ID, private, m.From, func(st *answer.State, p answer.Person) answer.Decision {
		return c.answers.Topic(st, t, answer.AspectWhere, p)
	})
}

func hasDistrictCenters(kb *knowledge.Base) bool {
	for _, d := range kb.Districts {
		if d.Center != nil {
			return true
		}
	}
	return false
}
