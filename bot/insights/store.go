package insights

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot"
	"github.com/sozialamt-dortmund/sozialbot/bot/redact"
	"github.com/sozialamt-dortmund/sozialbot/index"
)

// Folder is the folder inside the bot's state folder that holds the store.
const Folder = "insights"

// DefaultRetention is how long records are kept: 30 days.
const DefaultRetention = 30 * 24 * time.Hour

const (
	dayLayout  = "2006-01-02"
	fileSuffix = ".jsonl"
)

// record is one line of a day file. It holds no user or chat id, no name, no
// location and no time finer than the day the file stands for. Question is
// set only for declined questions, and only after redact.Question.
type record struct {
	Kind     string   `json:"kind"` // answered, declined, feedback-up, feedback-down, searched
	Topic    string   `json:"topic,omitempty"`
	Lang     string   `json:"lang,omitempty"`
	Reason   string   `json:"reason,omitempty"`
	Question string   `json:"question,omitempty"`
	Synonyms []string `json:"synonyms,omitempty"`
}

const kindSearched = "searched"

// Options tune Open. The zero value is ready to use.
type Options struct {
	// Retention is how long records are kept; zero means DefaultRetention.
	// A day's file is deleted once the day's start is Retention ago, so no
	// record is ever older than Retention.
	Retention time.Duration
	// Now is the clock; nil means time.Now. Days begin at midnight in the
	// clock's time zone.
	Now func() time.Time
	// PruneEvery is how often an open store deletes expired files, even when
	// nobody asks anything; zero means hourly, negative never (tests call
	// Prune themselves).
	PruneEvery time.Duration
	// Logger receives errors writing the store (never what was asked); nil
	// discards them.
	Logger *slog.Logger
}

// Store keeps insight about what citizens asked in a folder, one file of JSON
// lines per day, and deletes each file after the retention period. It
// implements bot.Recorder. It is safe for concurrent use.
type Store struct {
	dir       string
	retention time.Duration
	now       func() time.Time
	log       *slog.Logger

	mu     sync.Mutex
	day    string
	file   *os.File
	closed bool

	stop chan struct{}
	done chan struct{}
}

// Open opens the store in stateDir (creating stateDir/insights, readable
// only by the bot's user), deletes what has expired, and starts deleting
// expired files every PruneEvery. Close stops that. It returns an error when
// the folder cannot be created or cleaned.
func Open(stateDir string, opts Options) (*Store, error) {
	if opts.Retention <= 0 {
		opts.Retention = DefaultRetention
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.PruneEvery == 0 {
		opts.PruneEvery = time.Hour
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	dir := filepath.Join(stateDir, Folder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("insights: %w", err)
	}
	s := &Store{dir: dir, retention: opts.Retention, now: opts.Now, log: opts.Logger, stop: make(chan struct{}), done: make(chan struct{})}
	if err := s.Prune(); err != nil {
		return nil, err
	}
	if opts.PruneEvery > 0 {
		go s.pruneLoop(opts.PruneEvery)
	} else {
		close(s.done)
	}
	return s, nil
}

func (s *Store) pruneLoop(every time.Duration) {
	defer close(s.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			if err := s.Prune(); err != nil {
				s.log.Error("insights: deleting expired files failed", "err", err)
			}
		}
	}
}

// Close stops the store: it waits for the pruning goroutine and closes the
// day file. Records after Close are dropped. It returns the error of closing
// the file.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	var err error
	if s.file != nil {
		err = s.file.Close()
		s.file = nil
	}
	s.mu.Unlock()
	close(s.stop)
	<-s.done
	return err
}

// Record stores one event of the conversation (bot.Recorder). Answers and
// ratings count for their topic; a declined question is stored as redact.Question
// leaves it. Ids, names and times finer than the day are never stored.
// Record does not fail: write errors are logged, and the event is lost.
func (s *Store) Record(ev bot.Event) {
	r := record{Kind: string(ev.Outcome), Lang: cleanID(ev.Lang)}
	switch ev.Outcome {
	case bot.OutcomeAnswered, bot.OutcomeFeedbackUp, bot.OutcomeFeedbackDown:
		r.Topic = cleanID(ev.Topic)
		if r.Topic == "" {
			return
		}
	case bot.OutcomeDeclined:
		r.Reason = cleanID(string(ev.Reason))
		r.Question = redact.Question(ev.Question)
	default:
		return
	}
	s.write(ev.Time, r)
}

// Observe returns a searcher that searches with next and records, for every
// question, which topic or office fit it best and which synonym groups it
// used: never the question itself. Give the bot the result, so that
// `sozialbot insights` can count how often each topic was asked and
// `sozialbot review` can tell which synonyms never matched.
func (s *Store) Observe(next bot.Searcher) bot.Searcher { return observed{next, s} }

type observed struct {
	bot.Searcher
	store *Store
}

func (o observed) Search(ctx context.Context, question string) (index.Result, error) {
	res, err := o.Searcher.Search(ctx, question)
	if err == nil {
		o.store.recordSearch(res)
	}
	return res, err
}

// maxSynonyms bounds the synonym groups stored for one question.
const maxSynonyms = 10

func (s *Store) recordSearch(res index.Result) {
	r := record{Kind: kindSearched, Lang: cleanID(res.Lang)}
	if len(res.Hits) > 0 && res.Reason != index.ReasonGreeting && res.Reason != index.ReasonEmpty {
		r.Topic = cleanID(res.Hits[0].ID)
	}
	for _, key := range res.Synonyms {
		if len(r.Synonyms) < maxSynonyms && cleanKey(key) {
			r.Synonyms = append(r.Synonyms, key)
		}
	}
	if r.Topic == "" && len(r.Synonyms) == 0 {
		return
	}
	s.write(time.Time{}, r)
}

var idChars = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// cleanID keeps ids, language codes and reasons as they are, and drops
// anything else, so that no free text reaches the store through them.
func cleanID(s string) string {
	if !idChars.MatchString(s) || digitRun5.MatchString(s) {
		return ""
	}
	return s
}

var digitRun5 = regexp.MustCompile(`\p{Nd}{5}`)

// cleanKey accepts a synonym group key: words from the knowledge base, short,
// on one line, without long numbers.
func cleanKey(s string) bool {
	return s != "" && len(s) <= 64 && !strings.ContainsAny(s, "\n\r@") && !digitRun5.MatchString(s)
}

func (s *Store) write(at time.Time, r record) {
	line, err := json.Marshal(r)
	if err != nil {
		s.log.Error("insights: encode record", "err", err)
		return
	}
	line = append(line, '\n')

	now := s.now()
	if at.IsZero() || at.After(now) {
		at = now
	}
	day := at.In(now.Location()).Format(dayLayout)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	if s.expired(day, now) {
		return
	}
	if day != s.day || s.file == nil {
		if s.file != nil {
			if err := s.file.Close(); err != nil {
				s.log.Error("insights: close day file", "err", err)
			}
			s.file = nil
		}
		f, err := os.OpenFile(filepath.Join(s.dir, day+fileSuffix), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			s.log.Error("insights: open day file", "err", err)
			return
		}
		s.file, s.day = f, day
		if err := s.pruneLocked(now); err != nil {
			s.log.Error("insights: deleting expired files failed", "err", err)
		}
	}
	if _, err := s.file.Write(line); err != nil {
		s.log.Error("insights: write record", "err", err)
	}
}

// Prune deletes every day file whose day began Retention ago or earlier. It
// returns the first error deleting a file; it leaves files it does not know
// alone.
func (s *Store) Prune() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pruneLocked(s.now())
}

func (s *Store) pruneLocked(now time.Time) error {
	days, err := dayFiles(s.dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, day := range days {
		if !s.expired(day, now) {
			continue
		}
		if day == s.day && s.file != nil {
			if err := s.file.Close(); err != nil {
				errs = append(errs, err)
			}
			s.file, s.day = nil, ""
		}
		if err := os.Remove(filepath.Join(s.dir, day+fileSuffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("insights: %w", err))
		}
	}
	return errors.Join(errs...)
}

// expired reports whether a day's records are older than the retention.
func (s *Store) expired(day string, now time.Time) bool {
	start, err := time.ParseInLocation(dayLayout, day, now.Location())
	return err == nil && !now.Before(start.Add(s.retention))
}

// dayFiles returns the days that have a file in dir, oldest first.
func dayFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("insights: %w", err)
	}
	var days []string
	for _, e := range entries {
		day, ok := strings.CutSuffix(e.Name(), fileSuffix)
		if !ok || e.IsDir() {
			continue
		}
		if _, err := time.Parse(dayLayout, day); err == nil {
			days = append(days, day)
		}
	}
	sort.Strings(days)
	return days, nil
}
