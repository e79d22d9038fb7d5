package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot"
	"github.com/sozialamt-dortmund/sozialbot/bot/delivery"
	"github.com/sozialamt-dortmund/sozialbot/bot/insights"
	"github.com/sozialamt-dortmund/sozialbot/bot/ops"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// defaultAPIURL is Telegram's own Bot API server.
const defaultAPIURL = "https://api.telegram.org"

// allowedUpdates are the updates the bot asks Telegram for.
var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery, models.AllowedUpdateInlineQuery}

// serveConfig is what `sozialbot serve` runs with, from flags and environment.
type serveConfig struct {
	kbDir, stateDir           string
	webhookURL, webhookListen string
	token, apiURL, secret     string
	admins                    []int64
	maxAge                    time.Duration
	maxDrop                   float64
	adminAddr                 string
	adminPublic               bool
}

const serveArgs = "[--kb DIR] [--max-age 183d] [--max-drop 20%] [--state DIR] [--webhook-url URL --webhook-listen ADDR] [--admin ADDR [--admin-public]]"

func cmdServe(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("serve", serveArgs, stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.kbDir, "kb", "", "knowledge folder, reloaded by itself when its files change (default: the knowledge base built into the binary)")
	maxAge := fs.String("max-age", "183d", "warn about entries reviewed longer ago than this: days (183 or 183d), weeks (26w), months (6mo) or years (1y)")
	maxDrop := fs.String("max-drop", "20%", "a reload that would remove more than this share of the topics in service, or any topic of the contract, waits until staff confirm it (/reload or saving the folder again); 100% turns the share check off")
	fs.StringVar(&cfg.stateDir, "state", "", "folder for the bot's state: handled update ids and the insights (unanswered questions without ids, kept 30 days); empty keeps nothing on disk")
	fs.StringVar(&cfg.webhookURL, "webhook-url", "", "public HTTPS address Telegram sends updates to; empty means long polling")
	fs.StringVar(&cfg.webhookListen, "webhook-listen", ":8080", "address the webhook server listens on (put it behind an HTTPS proxy)")
	fs.StringVar(&cfg.adminAddr, "admin", "", "address of the admin listener with /healthz, /readyz and /metrics, e.g. 127.0.0.1:9100; empty turns it off; loopback only unless --admin-public")
	fs.BoolVar(&cfg.adminPublic, "admin-public", false, "allow an --admin address other machines can reach (put a firewall or an authenticating proxy in front)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sozialbot serve "+serveArgs)
		fmt.Fprintln(stderr, "\nRuns the Telegram bot: long polling by default, a webhook with --webhook-url.")
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nenvironment:")
		fmt.Fprintln(stderr, "  TELEGRAM_BOT_TOKEN       the bot's token from @BotFather (required)")
		fmt.Fprintln(stderr, "  TELEGRAM_API_URL         Bot API server (default "+defaultAPIURL+")")
		fmt.Fprintln(stderr, "  TELEGRAM_WEBHOOK_SECRET  secret Telegram sends with every webhook request (required with --webhook-url)")
		fmt.Fprintln(stderr, "  SOZIALBOT_ADMINS         comma-separated numeric Telegram user ids allowed to use /status and /reload")
		fmt.Fprintln(stderr, "\nSee docs/telegram.md and docs/operations.md.")
	}
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sozialbot serve: unexpected argument %q\n", fs.Arg(0))
		return exitError(2)
	}
	age, err := knowledge.ParseAge(*maxAge)
	if err != nil {
		return fmt.Errorf("serve: --max-age: %w", err)
	}
	cfg.maxAge = age
	if cfg.maxDrop, err = parseShare(*maxDrop); err != nil {
		return fmt.Errorf("serve: --max-drop: %w", err)
	}
	if err := cfg.fromEnv(getenv); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return serve(ctx, cfg, stderr)
}

// fromEnv reads the environment and checks the settings; the token is never
// part of an error.
func (c *serveConfig) fromEnv(getenv env) error {
	c.token = strings.TrimSpace(getenv("TELEGRAM_BOT_TOKEN"))
	if c.token == "" {
		return errors.New("TELEGRAM_BOT_TOKEN is not set; create a bot with @BotFather and put its token there (see docs/telegram.md)")
	}
	c.apiURL = strings.TrimRight(strings.TrimSpace(getenv("TELEGRAM_API_URL")), "/")
	if c.apiURL == "" {
		c.apiURL = defaultAPIURL
	}
	if u, err := url.Parse(c.apiURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("TELEGRAM_API_URL %q is not an http(s) address", c.apiURL)
	}
	for _, f := range strings.Split(getenv("SOZIALBOT_ADMINS"), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("SOZIALBOT_ADMINS: %q is not a numeric Telegram user id (usernames can be changed, so they are not accepted)", f)
		}
		c.admins = append(c.admins, id)
	}
	c.secret = getenv("TELEGRAM_WEBHOOK_SECRET")
	if c.webhookURL != "" {
		u, err := url.Parse(c.webhookURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("--webhook-url %q is not an https address", c.webhookURL)
		}
		if c.secret == "" {
			return errors.New("webhook mode needs TELEGRAM_WEBHOOK_SECRET (16 to 256 characters from A-Z a-z 0-9 _ -); without it anyone could send the bot fake updates")
		}
		// Checked here, before anything is sent to Telegram.
		if err := delivery.CheckSecret(c.secret); err != nil {
			return fmt.Errorf("TELEGRAM_WEBHOOK_SECRET: %w", err)
		}
	}
	return nil
}

// serve runs the bot until ctx is cancelled. Beside polling or the webhook
// it runs the admin listener (with --admin) and the live reload of the
// knowledge folder (with --kb), and waits for both before it returns.
func serve(ctx context.Context, cfg serveConfig, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))

	// One process per state folder, and a state file this process can
	// trust and write, before anything else happens (a second serve must
	// not even delete the first one's webhook).
	if cfg.stateDir != "" {
		release, err := delivery.LockStateDir(cfg.stateDir)
		if err != nil {
			return err
		}
		defer release()
		if err := delivery.CheckStateDir(cfg.stateDir); err != nil {
			return err
		}
	}

	// Then the admin address: a refused one stops the bot before it does
	// anything else.
	adminLn, err := ops.ListenAdmin(cfg.adminAddr, cfg.adminPublic)
	if errors.Is(err, ops.ErrNotLoopback) {
		return fmt.Errorf("%w with --admin-public", err)
	}
	if err != nil {
		return err
	}
	defer func() {
		if adminLn != nil { // not handed to ServeAdmin
			adminLn.Close()
		}
	}()

	src := knowledge.NewSource(cfg.kbDir)
	live, err := openLive(ctx, src, cfg.maxAge)
	if err != nil {
		return err
	}
	defer live.Close()
	for _, w := range live.Base().Warnings {
		log.Debug("knowledge warning", "problem", w.String())
	}
	metrics := ops.NewMetrics()
	metrics.Loaded(time.Now())
	k := &ops.Knowledge{Live: live, Source: src, MaxAge: cfg.maxAge, MaxDrop: cfg.maxDrop, Metrics: metrics, Logger: log, Started: time.Now()}
	if !k.Ready() {
		log.Warn("the knowledge base has no topics; /readyz says not ready until a reload brings some", "source", src.String())
	}

	var store *insights.Store
	if cfg.stateDir != "" {
		if store, err = insights.Open(cfg.stateDir, insights.Options{Logger: log}); err != nil {
			return err
		}
		defer store.Close()
	}
	searcher := metrics.Searcher(live)
	if store != nil {
		searcher = store.Observe(searcher)
	}

	// The helpers run until the bot stops; live and store are closed only
	// after they have returned (defers run last in, first out).
	var helpers sync.WaitGroup
	defer helpers.Wait()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	if adminLn != nil {
		ln := adminLn
		adminLn = nil
		log.Info("admin listener", "addr", ln.Addr().String(), "endpoints", "/healthz /readyz /metrics")
		helpers.Go(func() {
			ready := func() bool { return k.Ready() && metrics.StateSaveOK() }
			if err := ops.ServeAdmin(ctx, ln, ops.AdminHandler(metrics, ready)); err != nil {
				log.Error("admin listener stopped; the bot goes on answering", "err", err)
			}
		})
	}
	if cfg.kbDir != "" {
		helpers.Go(func() { _ = k.Watch(ctx, knowledge.DefaultQuiet) }) // Watch logs why it stops
	}

	client := delivery.NewClient(delivery.ClientConfig{Token: cfg.token, Logger: log, On429: metrics.RetryAfter})
	b, err := tgbot.New(cfg.token,
		tgbot.WithServerURL(cfg.apiURL),
		tgbot.WithHTTPClient(time.Minute, client),
		tgbot.WithSkipGetMe(),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("telegram", "err", err) }),
	)
	if err != nil {
		return fmt.Errorf("telegram: %w", err)
	}
	meCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	me, err := b.GetMe(meCtx)
	cancel()
	switch {
	case errors.Is(err, tgbot.ErrorUnauthorized), errors.Is(err, tgbot.ErrorNotFound):
		return errors.New("telegram rejected TELEGRAM_BOT_TOKEN; check the token (@BotFather, /mybots → API Token)")
	case err != nil:
		return fmt.Errorf("cannot reach the Bot API at %s: %w", cfg.apiURL, err)
	}

	conv, err := bot.New(bot.Config{
		Searcher:    searcher,
		Staff:       staffAdmin{k, client},
		StaffIDs:    cfg.admins,
		Recorder:    ops.Fanout(store, metrics),
		Logger:      log,
		BotUsername: me.Username,
	})
	if err != nil {
		return err
	}
	if err := bot.SetCommands(ctx, b); err != nil {
		log.Warn("command menu not set; the bot works without it", "err", err)
	}
	dcfg := delivery.Config{
		APIURL:         cfg.apiURL,
		Token:          cfg.token,
		StateDir:       cfg.stateDir,
		AllowedUpdates: allowedUpdates,
		Logger:         log,
		OnLimited:      func(ctx context.Context, u *models.Update) { conv.TooFast(ctx, b, u) },
		OnPanic:        func(ctx context.Context, u *models.Update) { conv.Apologize(ctx, b, u) },
		OnLost:         func(ctx context.Context, l delivery.Lost) { conv.Lost(ctx, b, l.ChatID, l.Lang) },
		OnOverdue:      metrics.Overdue,
		OnStateSave:    metrics.StateSave,
		OnRefused:      metrics.WebhookRefused,
	}
	handle := metrics.Handler(func(ctx context.Context, u *models.Update) { conv.Handle(ctx, b, u) })
	st := live.Status()
	log.Info("bot ready", "bot", "@"+me.Username, "topics", st.Topics, "offices", st.Offices, "warnings", st.Warnings,
		"live_reload", cfg.kbDir != "", "admins", len(cfg.admins), "insights", store != nil, "webhook", cfg.webhookURL != "")

	if cfg.webhookURL == "" {
		// Telegram refuses getUpdates (409) while a webhook is set.
		if _, err := b.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
			log.Warn("deleteWebhook failed; polling may get 409 Conflict", "err", err)
		}
		return delivery.Poll(ctx, dcfg, handle)
	}
	return serveWebhook(ctx, cfg, dcfg, b, handle, log)
}

// openLive loads the knowledge base of src and serves its index.
func openLive(ctx context.Context, src *knowledge.Source, maxAge time.Duration) (*index.Live, error) {
	kb, err := src.Load(ctx, knowledge.Options{MaxAge: maxAge})
	if err != nil {
		return nil, fmt.Errorf("load %s:\n%w", src, err)
	}
	ix, err := index.Build(kb)
	if err != nil {
		return nil, fmt.Errorf("build index of %s: %w", src, err)
	}
	return index.NewLive(ix), nil
}

// parseShare reads a percentage such as "20%" or "20" as a fraction, above 0
// and at most 1.
func parseShare(s string) (float64, error) {
	text := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || v <= 0 || v > 100 {
		return 0, fmt.Errorf("%q is not a percentage above 0 and at most 100, such as 20%%", s)
	}
	return v / 100, nil
}

// serveWebhook registers the webhook with Telegram and serves it until ctx
// is cancelled.
func serveWebhook(ctx context.Context, cfg serveConfig, dcfg delivery.Config, b *tgbot.Bot, handle delivery.Handler, log *slog.Logger) error {
	wh, err := delivery.NewWebhook(dcfg, cfg.secret, handle)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	u, _ := url.Parse(cfg.webhookURL) // checked in fromEnv
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(path, wh)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", cfg.webhookListen)
	if err != nil {
		wh.Close(context.Background())
		return fmt.Errorf("webhook: listen on %s: %w", cfg.webhookListen, err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	if _, err := b.SetWebhook(ctx, &tgbot.SetWebhookParams{
		URL:            cfg.webhookURL,
		SecretToken:    cfg.secret,
		AllowedUpdates: allowedUpdates,
	}); err != nil {
		srv.Close()
		wh.Close(context.Background())
		return fmt.Errorf("setWebhook %s: %w", cfg.webhookURL, err)
	}
	log.Info("webhook set", "url", cfg.webhookURL, "listen", ln.Addr().String())

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		log.Warn("webhook server shutdown", "err", err)
	}
	wh.Close(shutdown)
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("webhook server: %w", serveErr)
	}
	return nil
}

// staffAdmin is /status and /reload of ops.Knowledge, with the Telegram
// send counters added to /status.
type staffAdmin struct {
	*ops.Knowledge
	client *delivery.Client
}

func (a staffAdmin) Status() string {
	cs := a.client.Stats()
	return a.Knowledge.Status() + fmt.Sprintf("\nTelegram: %d sent, %d retries, %d × 429, %d × 403, %d failed",
		cs.Sends, cs.Retries, cs.TooManyRequests, cs.Forbidden, cs.Failures)
}
