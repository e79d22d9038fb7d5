// Package bot is the Telegram side of the Sozialbot: it turns updates
// (commands, questions, button presses, shared locations, inline queries)
// into messages and buttons that a citizen can read on a phone.
//
// What to say to a question is decided outside Telegram, by package
// bot/answer; this package only turns its decisions into Telegram HTML and
// inline keyboards. It speaks Telegram through github.com/go-telegram/bot
// (imported as tgbot), and can be tested with a fake search and the fake
// Bot API in bot/telegramtest.
//
// Privacy: the package keeps, in memory only and for a bounded number of
// users and chats, the language a user chose and each private chat's
// conversation state (ids of the last topic, office and district, never the
// text). It never logs message text, and never logs a user or chat id;
// recorded events carry no ids.
package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
	"github.com/sozialamt-dortmund/sozialbot/index"
)

// Searcher finds the answer to a question (answer.Searcher). *index.Index
// and *index.Live implement it.
type Searcher = answer.Searcher

// Staff is what staff may do through the bot: /status and /reload. Only the
// numeric Telegram user ids in Config.StaffIDs may use it, in private chats.
type Staff interface {
	// Status is a short report in plain text (it is escaped before sending).
	Status() string
	// Reload reads the knowledge base again; the error is shown to staff.
	// It must return soon after ctx ends.
	Reload(ctx context.Context) error
}

// Recorder receives what the bot answered and, without any id, what it
// could not answer, so that staff can improve the knowledge base
// (insights.Store, ops.Metrics).
type Recorder interface {
	Record(ev Event)
}

// Outcome is what happened to a question or an answer.
type Outcome string

const (
	OutcomeAnswered     Outcome = "answered"      // the bot answered with Event.Topic
	OutcomeDeclined     Outcome = "declined"      // the bot had no answer; Event.Question holds the question
	OutcomeFeedbackUp   Outcome = "feedback-up"   // 👍 on the answer Event.Topic
	OutcomeFeedbackDown Outcome = "feedback-down" // 👎 on the answer Event.Topic
)

// Event is one thing worth counting. It never holds a user or chat id, a
// name or a location.
type Event struct {
	// Time is when it happened, cut to the hour so that an event cannot be
	// matched with one message in Telegram.
	Time    time.Time
	Outcome Outcome
	// Topic is the id of the topic or office answered or rated; empty when declined.
	Topic string
	// Lang is the language of the answer: "de" or "en".
	Lang string
	// Reason says why a question was declined (unsure, out-of-scope).
	Reason index.Reason
	// Question is set only for declined questions: the text as asked, cut to
	// index.MaxQuestionRunes and masked by redact.Question.
	Question string
}

// Config is what a Conversation needs. Searcher is required; the rest may be
// left zero.
type Config struct {
	Searcher
	// Staff serves /status and /reload; nil means these commands do not exist.
	Staff Staff
	// StaffIDs are the numeric Telegram user ids allowed to use Staff.
	StaffIDs []int64
	// Recorder receives events; nil drops them.
	Recorder Recorder
	// Logger receives operational logs (never message text or ids); nil discards.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// BotUsername is the bot's @name without the "@". In groups the bot
	// reacts to commands and to messages that mention this name; inline
	// answers link back to t.me/BotUsername.
	BotUsername string
	// SearchTimeout bounds one search; zero means 5 seconds.
	SearchTimeout time.Duration
	// MaxLanguageUsers bounds how many users' language choices are kept in
	// memory; zero means 10000. The least recently used choice is forgotten.
	MaxLanguageUsers int
	// MaxChats bounds how many private conversations are remembered; zero
	// means 10000. A conversation is forgotten after 30 idle minutes.
	MaxChats int
	// Margin is answer.Options.Margin; zero means answer.DefaultMargin.
	Margin float64
}

// Conversation answers updates. It is safe for concurrent use; per-chat
// ordering is the job of whoever delivers the updates.
type Conversation struct {
	cfg     Config
	log     *slog.Logger
	now     func() time.Time
	langs   *langStore
	memory  *answer.Memory
	answers *answer.Answerer
	staff   map[int64]bool
}

// New returns a Conversation, or an error when cfg.Searcher is missing.
func New(cfg Config) (*Conversation, error) {
	if cfg.Searcher == nil {
		return nil, errors.New("bot: Config.Searcher is required")
	}
	c := &Conversation{cfg: cfg, log: cfg.Logger, now: cfg.Now, staff: map[int64]bool{}}
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.cfg.SearchTimeout <= 0 {
		c.cfg.SearchTimeout = 5 * time.Second
	}
	if c.cfg.MaxLanguageUsers <= 0 {
		c.cfg.MaxLanguageUsers = 10000
	}
	c.langs = newLangStore(c.cfg.MaxLanguageUsers)
	c.memory = answer.NewMemory(c.cfg.MaxChats, answer.DefaultIdle, c.now)
	c.answers = answer.New(cfg.Searcher, answer.Options{Margin: cfg.Margin, Now: c.now})
	for _, id := range cfg.StaffIDs {
		if id > 0 {
			c.staff[id] = true
		}
	}
	return c, nil
}

func (c *Conversation) record(ev Event) {
	if c.cfg.Recorder == nil {
		return
	}
	ev.Time = c.now().Truncate(time.Hour)
	c.cfg.Recorder.Record(ev)
}
