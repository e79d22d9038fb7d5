package delivery_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/delivery"
)

// The wiring in cmd/sozialbot/serve.go: go-telegram/bot sends through a
// delivery.Client and dispatches updates synchronously; delivery.Poll
// feeds it. The conversation's handlers are registered on b as usual.
func Example() {
	ctx := context.Background() // in serve: signal.NotifyContext(…, SIGTERM)
	token := os.Getenv("TELEGRAM_TOKEN")
	log := slog.Default()

	client := delivery.NewClient(delivery.ClientConfig{Token: token, Logger: log})
	b, err := bot.New(token,
		bot.WithHTTPClient(time.Minute, client),
		bot.WithSkipGetMe(),
		bot.WithNotAsyncHandlers(), // ProcessUpdate returns when the handler is done
		bot.WithDefaultHandler(func(ctx context.Context, b *bot.Bot, u *models.Update) { /* conversation */ }),
	)
	if err != nil {
		log.Error("telegram", "err", err)
		return
	}
	say := func(ctx context.Context, u *models.Update, text string) {
		if u.Message != nil {
			b.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: text})
		}
	}
	err = delivery.Poll(ctx, delivery.Config{
		Token:    token,
		StateDir: "/var/lib/sozialbot",
		Logger:   log,
		OnLimited: func(ctx context.Context, u *models.Update) {
			say(ctx, u, "Bitte etwas langsamer: Ich beantworte höchstens 20 Nachrichten pro Minute.")
		},
		OnPanic: func(ctx context.Context, u *models.Update) {
			say(ctx, u, "Entschuldigung, da ist etwas schiefgegangen. Bitte fragen Sie noch einmal.")
		},
	}, func(ctx context.Context, u *models.Update) { b.ProcessUpdate(ctx, u) })
	if errors.Is(err, delivery.ErrBadToken) {
		log.Error("check TELEGRAM_TOKEN", "err", err)
	}
}

// Webhook mode: the same handler behind an http.Server; Close after
// Shutdown so in-flight updates finish and the state is saved.
func ExampleNewWebhook() {
	handle := func(ctx context.Context, u *models.Update) { /* b.ProcessUpdate(ctx, u) */ }
	wh, err := delivery.NewWebhook(delivery.Config{StateDir: "/var/lib/sozialbot"}, os.Getenv("WEBHOOK_SECRET"), handle)
	if err != nil {
		slog.Error("webhook", "err", err) // e.g. secret missing or too short
		return
	}
	mux := http.NewServeMux()
	mux.Handle("POST /telegram", wh)
	srv := &http.Server{Addr: ":8443", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.ListenAndServeTLS("cert.pem", "key.pem")

	// … on SIGTERM:
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	wh.Close(ctx)
}
