package insights

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot/redact"
)

// Summary is what a store holds for a number of days, counted.
type Summary struct {
	// From and To are the first and last day read (YYYY-MM-DD).
	From, To string
	Days     int
	// Answered counts answers given (to questions, buttons and links),
	// Declined the questions the bot could not answer.
	Answered, Declined int
	// DeclinedBy counts declined questions by reason (unsure, out-of-scope).
	DeclinedBy map[string]int
	// Topics are the counters per topic or office, most asked first.
	Topics []TopicCounts
	// Synonyms counts the questions that used each synonym group, by key.
	Synonyms map[string]int
	// Unanswered are the declined questions, grouped by similar words, most
	// frequent first.
	Unanswered []Group
	// Skipped counts lines that could not be read (e.g. cut by a crash).
	Skipped int
}

// TopicCounts are the counters of one topic or office.
type TopicCounts struct {
	ID string
	// Asked counts questions for which it was the best match, answered or not.
	Asked    int
	Answered int
	Up, Down int
}

// DeclinedShare is the part of all answers and declines that were declines,
// from 0 to 1; 0 when nothing was recorded.
func (s *Summary) DeclinedShare() float64 {
	if s.Answered+s.Declined == 0 {
		return 0
	}
	return float64(s.Declined) / float64(s.Answered+s.Declined)
}

// SynonymsSeen returns the keys of the synonym groups that questions used,
// for knowledge.ReviewOptions.
func (s *Summary) SynonymsSeen() map[string]bool {
	seen := make(map[string]bool, len(s.Synonyms))
	for k := range s.Synonyms {
		seen[k] = true
	}
	return seen
}

// Read sums up the last days (today included) of the store in stateDir, as
// of now. It does not change the store. It returns an error when the store's
// folder cannot be read; a missing folder is an error that wraps
// os.ErrNotExist.
func Read(stateDir string, days int, now time.Time) (*Summary, error) {
	if days <= 0 {
		days = int(DefaultRetention / (24 * time.Hour))
	}
	dir := filepath.Join(stateDir, Folder)
	all, err := dayFiles(dir)
	if err != nil {
		return nil, err
	}
	from := now.AddDate(0, 0, -(days - 1)).Format(dayLayout)
	s := &Summary{From: from, To: now.Format(dayLayout), Days: days, DeclinedBy: map[string]int{}, Synonyms: map[string]int{}}
	topics := map[string]*TopicCounts{}
	topic := func(id string) *TopicCounts {
		t := topics[id]
		if t == nil {
			t = &TopicCounts{ID: id}
			topics[id] = t
		}
		return t
	}
	questions := map[string]int{}
	for _, day := range all {
		if day < from || day > s.To {
			continue
		}
		err := readDay(filepath.Join(dir, day+fileSuffix), func(r record) {
			switch r.Kind {
			case "answered":
				s.Answered++
				topic(r.Topic).Answered++
			case "declined":
				s.Declined++
				s.DeclinedBy[r.Reason]++
				if q := redact.Question(r.Question); q != "" {
					questions[q]++
				}
			case "feedback-up":
				topic(r.Topic).Up++
			case "feedback-down":
				topic(r.Topic).Down++
			case kindSearched:
				if r.Topic != "" {
					topic(r.Topic).Asked++
				}
				for _, k := range r.Synonyms {
					s.Synonyms[k]++
				}
			}
		}, &s.Skipped)
		if err != nil {
			return nil, err
		}
	}
	for _, t := range topics {
		if t.ID != "" {
			s.Topics = append(s.Topics, *t)
		}
	}
	sort.Slice(s.Topics, func(i, j int) bool {
		a, b := s.Topics[i], s.Topics[j]
		if a.Asked != b.Asked {
			return a.Asked > b.Asked
		}
		if a.Answered != b.Answered {
			return a.Answered > b.Answered
		}
		return a.ID < b.ID
	})
	s.Unanswered = Groups(questions)
	return s, nil
}

// Summary sums up the store's last days, as Read does.
func (s *Store) Summary(days int) (*Summary, error) {
	return Read(filepath.Dir(s.dir), days, s.now())
}

func readDay(path string, fn func(record), skipped *int) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil // deleted by the running bot meanwhile
	}
	if err != nil {
		return fmt.Errorf("insights: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			*skipped++
			continue
		}
		fn(r)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("insights: read %s: %w", filepath.Base(path), err)
	}
	return nil
}

// WriteText writes the summary for staff: the top unanswered question
// groups, the share declined, the counters per topic and the synonym groups
// used. It returns the writer's error.
func (s *Summary) WriteText(w io.Writer, top int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Insights of the last %d days (%s to %s). Stored without names, ids or numbers.\n\n", s.Days, s.From, s.To)
	total := s.Answered + s.Declined
	fmt.Fprintf(&b, "Answers given: %d. Questions declined: %d (%.0f%% of %d).\n", s.Answered, s.Declined, 100*s.DeclinedShare(), total)
	if len(s.DeclinedBy) > 0 {
		reasons := make([]string, 0, len(s.DeclinedBy))
		for r := range s.DeclinedBy {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		parts := make([]string, len(reasons))
		for i, r := range reasons {
			name := r
			if name == "" {
				name = "no reason"
			}
			parts[i] = fmt.Sprintf("%s %d", name, s.DeclinedBy[r])
		}
		fmt.Fprintf(&b, "Declined because: %s.\n", strings.Join(parts, ", "))
	}

	fmt.Fprintf(&b, "\nMost frequent unanswered questions, similar ones grouped: %d groups\n", len(s.Unanswered))
	for i, g := range s.Unanswered {
		if top > 0 && i == top {
			fmt.Fprintf(&b, "  ... and %d more groups (use --top)\n", len(s.Unanswered)-top)
			break
		}
		fmt.Fprintf(&b, "%5d  %s\n", g.Count, g.Question)
		for _, v := range g.Similar {
			fmt.Fprintf(&b, "         also: %s\n", v)
		}
	}

	fmt.Fprintf(&b, "\nTopics (asked: best match of a question; answered: answer shown): %d\n", len(s.Topics))
	if len(s.Topics) > 0 {
		width := len("topic")
		for _, t := range s.Topics {
			width = max(width, len(t.ID))
		}
		fmt.Fprintf(&b, "  %-*s %6s %9s %5s %5s\n", width, "topic", "asked", "answered", "up", "down")
		for _, t := range s.Topics {
			fmt.Fprintf(&b, "  %-*s %6d %9d %5d %5d\n", width, t.ID, t.Asked, t.Answered, t.Up, t.Down)
		}
	}

	keys := make([]string, 0, len(s.Synonyms))
	for k := range s.Synonyms {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if s.Synonyms[keys[i]] != s.Synonyms[keys[j]] {
			return s.Synonyms[keys[i]] > s.Synonyms[keys[j]]
		}
		return keys[i] < keys[j]
	})
	fmt.Fprintf(&b, "\nSynonym groups used (sozialbot review --state lists those never used): %d\n", len(keys))
	for _, k := range keys {
		fmt.Fprintf(&b, "%5d  %s\n", s.Synonyms[k], k)
	}
	if s.Skipped > 0 {
		fmt.Fprintf(&b, "\n%d unreadable lines were skipped.\n", s.Skipped)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
