package bot

import (
	"context"
	"fmt"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// commandList is the command menu in a language. Admin commands are not
// listed: for everyone else they do not exist.
func commandList(lang string) []models.BotCommand {
	names := []string{"start", "hilfe", "themen", "kontakt", "sprache", "datenschutz"}
	if lang == "en" {
		names = []string{"start", "help", "topics", "contact", "language", "privacy"}
	}
	keys := []msgKey{cmdStart, cmdHelp, cmdTopics, cmdContact, cmdLanguage, cmdPrivacy}
	out := make([]models.BotCommand, len(names))
	for i, n := range names {
		out[i] = models.BotCommand{Command: n, Description: tr(lang, keys[i])}
	}
	return out
}

// SetCommands registers the command menu with Telegram (setMyCommands):
// German for everyone, English for users whose Telegram is in English.
// It returns the first error; it is safe to call on every start.
func SetCommands(ctx context.Context, b *bot.Bot) error {
	for _, lang := range []string{"de", "en"} {
		p := &bot.SetMyCommandsParams{Commands: commandList(lang), Scope: &models.BotCommandScopeDefault{}}
		if lang == "en" {
			p.LanguageCode = "en"
		}
		if _, err := b.SetMyCommands(ctx, p); err != nil {
			return fmt.Errorf("set %s commands: %w", lang, err)
		}
	}
	return nil
}
