package insights

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sozialamt-dortmund/sozialbot/bot"
	"github.com/sozialamt-dortmund/sozialbot/index"
	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

func openTest(t *testing.T, c *clock, retention time.Duration) (*Store, string) {
	t.Helper()
	state := t.TempDir()
	s, err := Open(state, Options{Now: c.Now, Retention: retention, PruneEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, state
}

func dayFilesIn(t *testing.T, state string) []string {
	t.Helper()
	days, err := dayFiles(filepath.Join(state, Folder))
	if err != nil {
		t.Fatal(err)
	}
	return days
}

func TestRetention(t *testing.T) {
	day0 := time.Date(2026, 11, 1, 23, 59, 0, 0, berlin)
	c := &clock{t: day0}
	s, state := openTest(t, c, 0) // default: 30 days

	s.Record(bot.Event{Outcome: bot.OutcomeDeclined, Question: "Gibt es Geld für Brillen?"})
	c.Set(day0.Add(2 * time.Minute)) // the next day
	s.Record(bot.Event{Outcome: bot.OutcomeDeclined, Question: "Brille bezahlen"})
	if got := fmt.Sprint(dayFilesIn(t, state)); got != "[2026-11-01 2026-11-02]" {
		t.Fatalf("day files: got %s", got)
	}

	// 30 days after the start of 1 November, its file must be gone, even if
	// nobody asks anything.
	c.Set(time.Date(2026, 12, 1, 0, 0, 0, 0, berlin).Add(-time.Second))
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(dayFilesIn(t, state)); got != "[2026-11-01 2026-11-02]" {
		t.Errorf("a second before 30 days: got %s, want both days kept", got)
	}
	c.Set(time.Date(2026, 12, 1, 0, 0, 0, 0, berlin))
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(dayFilesIn(t, state)); got != "[2026-11-02]" {
		t.Errorf("30 days after 1 November began: got %s, want only 2026-11-02", got)
	}

	// Recording on a new day deletes what expired, too.
	c.Set(time.Date(2026, 12, 2, 8, 0, 0, 0, berlin))
	s.Record(bot.Event{Outcome: bot.OutcomeAnswered, Topic: "wohngeld"})
	if got := fmt.Sprint(dayFilesIn(t, state)); got != "[2026-12-02]" {
		t.Errorf("after recording on 2 December: got %s, want only 2026-12-02", got)
	}

	// An event stamped with a day already expired is not stored.
	s.Record(bot.Event{Time: time.Date(2026, 10, 1, 9, 0, 0, 0, berlin), Outcome: bot.OutcomeAnswered, Topic: "wohngeld"})
	if got := fmt.Sprint(dayFilesIn(t, state)); got != "[2026-12-02]" {
		t.Errorf("after an expired event: got %s", got)
	}

	// Opening the store deletes what expired while the bot was stopped.
	s.Close()
	c.Set(time.Date(2027, 1, 5, 8, 0, 0, 0, berlin))
	s2, err := Open(state, Options{Now: c.Now, PruneEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := dayFilesIn(t, state); len(got) != 0 {
		t.Errorf("after opening 34 days later: got %v, want no files", got)
	}
}

func TestRetentionConfigurable(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
	s, state := openTest(t, c, 7*24*time.Hour)
	s.Record(bot.Event{Outcome: bot.OutcomeAnswered, Topic: "wohngeld"})
	c.Set(time.Date(2026, 11, 8, 0, 0, 0, 0, time.UTC))
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	if got := dayFilesIn(t, state); len(got) != 0 {
		t.Errorf("7 days retention: got %v after 7 days", got)
	}
}

func TestPruneLeavesOtherFiles(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
	_, state := openTest(t, c, 0)
	other := filepath.Join(state, Folder, "README.txt")
	if err := os.WriteFile(other, []byte("notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(state, Options{Now: c.Now, PruneEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file the store does not know was touched: %v", err)
	}
}

// hostile are questions full of what must never be stored.
var hostile = []string{
	"Meine Kundennummer ist 123456789 und meine Telegram-ID 5123456789",
	"chat -1001234567890 user 777888999",
	"ruf mich an: 0176 12345678 oder +49 231 5551234",
	"IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX",
	"geboren am 07.03.1950, Aktenzeichen 50.12.34567",
	"Mail: erika.musterfrau@example.org oder erika (at) example (dot) org",
	"Ich heiße Erika Musterfrau, @erika_m, wohne Musterweg 12, 44137 Dortmund",
	"٠١٢٣٤٥٦٧ and １２３４５６７８ and 1\u200b2\u200b3\u200b4\u200b5\u200b6",
	"https://t.me/+abcdef123456 und www.example.org/?id=99999",
	strings.Repeat("123456 ", 200),
}

func TestStoreNeverHoldsPersonalData(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 24, 10, 0, 0, 0, berlin)}
	s, state := openTest(t, c, 0)
	rnd := rand.New(rand.NewSource(1))
	questions := append([]string{}, hostile...)
	for i := 0; i < 500; i++ { // random mixes of the hostile parts
		a, b := hostile[rnd.Intn(len(hostile))], hostile[rnd.Intn(len(hostile))]
		cut := rnd.Intn(len(a) + 1)
		questions = append(questions, a[:cut]+fmt.Sprint(rnd.Int63())+b)
	}
	for _, q := range questions {
		s.Record(bot.Event{Outcome: bot.OutcomeDeclined, Reason: index.ReasonOutOfScope, Lang: "de", Question: q})
	}
	// Ids smuggled into fields that should hold ids of topics.
	s.Record(bot.Event{Outcome: bot.OutcomeAnswered, Topic: "123456789", Lang: "de"})
	s.Record(bot.Event{Outcome: bot.OutcomeFeedbackUp, Topic: "user 5123456789"})
	s.Record(bot.Event{Outcome: bot.OutcomeDeclined, Reason: "id-123456789", Lang: "x@y.de", Question: "ok"})
	s.recordSearch(index.Result{Hits: []index.Hit{{ID: "5123456789"}}, Synonyms: []string{"call 0231123456", "obdachlos", "a@b.de"}})

	var stored bytes.Buffer
	err := filepath.WalkDir(state, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		stored.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	text := stored.String()
	if !strings.Contains(text, `"declined"`) || !strings.Contains(text, `"obdachlos"`) {
		t.Fatalf("store seems empty:\n%.500s", text)
	}
	for _, id := range []string{"5123456789", "1001234567890", "777888999", "123456789", "musterfrau@", "erika_m", "DE89"} {
		if strings.Contains(text, id) {
			t.Errorf("store holds %q", id)
		}
	}
	if m := digitRun5.FindString(text); m != "" {
		t.Errorf("store holds the digit run %q", m)
	}
	if m := regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+\.[\p{L}]{2,}`).FindString(text); m != "" {
		t.Errorf("store holds the e-mail address %q", m)
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		for _, key := range []string{"user", "chat", "id", "time", "name", "from"} {
			if strings.Contains(line, `"`+key+`":`) {
				t.Errorf("a record has the field %q: %s", key, line)
			}
		}
	}
	info, err := os.Stat(filepath.Join(state, Folder))
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("store folder is readable by others: %v", perm)
	}
}

// fakeSearcher answers every question with one hit and one synonym group.
type fakeSearcher struct{}

func (fakeSearcher) Search(_ context.Context, q string) (index.Result, error) {
	switch q {
	case "hallo":
		return index.Result{Question: q, Reason: index.ReasonGreeting}, nil
	case "kaputt":
		return index.Result{}, fmt.Errorf("search failed")
	}
	return index.Result{Question: q, Answered: true, Hits: []index.Hit{{ID: "grundsicherung", Kind: index.KindTopic}}, Synonyms: []string{"Hartz IV"}}, nil
}
func (fakeSearcher) Base() *knowledge.Base { return nil }

func TestSummary(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, berlin)}
	s, state := openTest(t, c, 0)
	search := s.Observe(fakeSearcher{})
	for _, q := range []string{"Hartz 4 im Alter", "hallo", "kaputt", "Grundsicherung"} {
		search.Search(context.Background(), q)
	}
	rec := func(outcome bot.Outcome, topic string, n int) {
		for i := 0; i < n; i++ {
			s.Record(bot.Event{Outcome: outcome, Topic: topic, Lang: "de"})
		}
	}
	rec(bot.OutcomeAnswered, "grundsicherung", 2)
	rec(bot.OutcomeAnswered, "wohngeld", 3)
	rec(bot.OutcomeFeedbackUp, "wohngeld", 2)
	rec(bot.OutcomeFeedbackDown, "grundsicherung", 1)
	c.Set(c.Now().Add(24 * time.Hour))
	declined := []struct {
		q      string
		reason index.Reason
		n      int
	}{
		{"Wie beantrage ich einen Schwerbehindertenausweis?", index.ReasonOutOfScope, 4},
		{"Schwerbehindertenausweis beantragen", index.ReasonOutOfScope, 2},
		{"wo beantrage ich den Schwerbehindertenausweis", index.ReasonUnsure, 1},
		{"Bekomme ich Geld für eine neue Brille?", index.ReasonUnsure, 2},
		{"Brille Geld", index.ReasonOutOfScope, 1},
		{"Mein Antrag vom 12.10.2026 mit Nummer 4711-0815", index.ReasonOutOfScope, 1},
		{"Hundesteuer", index.ReasonOutOfScope, 1},
	}
	for _, d := range declined {
		for i := 0; i < d.n; i++ {
			s.Record(bot.Event{Outcome: bot.OutcomeDeclined, Reason: d.reason, Lang: "de", Question: d.q})
		}
	}
	// A crash may leave half a line.
	f, err := os.OpenFile(filepath.Join(state, Folder, "2026-11-24.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"kind":"decl`)
	f.Close()

	sum, err := s.Summary(30)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Answered != 5 || sum.Declined != 12 || sum.Skipped != 1 {
		t.Errorf("answered %d, declined %d, skipped %d; want 5, 12, 1", sum.Answered, sum.Declined, sum.Skipped)
	}
	if got := fmt.Sprint(sum.Topics); got != "[{grundsicherung 2 2 0 1} {wohngeld 0 3 2 0}]" {
		t.Errorf("topics: got %s", got)
	}
	if got := fmt.Sprint(sum.Synonyms); got != "map[Hartz IV:2]" {
		t.Errorf("synonyms: got %s", got)
	}
	if !sum.SynonymsSeen()["Hartz IV"] {
		t.Errorf("SynonymsSeen misses Hartz IV")
	}
	var out bytes.Buffer
	if err := sum.WriteText(&out, 3); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "summary.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("summary differs from %s (go test -update to accept):\n%s", golden, out.String())
	}

	// Only the last day.
	one, err := s.Summary(1)
	if err != nil {
		t.Fatal(err)
	}
	if one.Answered != 0 || one.Declined != 12 {
		t.Errorf("last day only: answered %d, declined %d; want 0, 12", one.Answered, one.Declined)
	}
}

func TestReadMissingStore(t *testing.T) {
	_, err := Read(t.TempDir(), 30, time.Now())
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("reading a folder without a store: got %v", err)
	}
}

func TestCloseStopsRecording(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
	state := t.TempDir()
	s, err := Open(state, Options{Now: c.Now}) // with the pruning goroutine
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	s.Record(bot.Event{Outcome: bot.OutcomeAnswered, Topic: "wohngeld"})
	if got := dayFilesIn(t, state); len(got) != 0 {
		t.Errorf("recorded after Close: %v", got)
	}
}

func TestConcurrentRecords(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
	s, _ := openTest(t, c, 0)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				s.Record(bot.Event{Outcome: bot.OutcomeDeclined, Reason: index.ReasonUnsure, Question: "Frage nach Wohngeld"})
			}
		}()
	}
	wg.Wait()
	sum, err := s.Summary(1)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Declined != 800 || sum.Skipped != 0 {
		t.Errorf("declined %d, skipped %d; want 800, 0", sum.Declined, sum.Skipped)
	}
}

func TestGroups(t *testing.T) {
	got := Groups(map[string]int{
		"Wie beantrage ich Grundsicherung?":  3,
		"Grundsicherung beantragen":          2,
		"Grundsicherung Antrag wo":           1,
		"Gibt es Zuschuss für Brillen?":      2,
		"Zuschuss Brille":                    1,
		"Hundesteuer":                        1,
		"???":                                1,
		"!!!":                                1,
		"Wann hat das Bürgerbüro geöffnet?":  1,
		"Öffnungszeiten Buergerbuero Hörde?": 1,
	})
	want := []string{
		`5 Wie beantrage ich Grundsicherung? ["Grundsicherung beantragen"]`,
		`3 Gibt es Zuschuss für Brillen? ["Zuschuss Brille"]`,
	}
	for i, w := range want {
		if line := fmt.Sprintf("%d %s %q", got[i].Count, got[i].Question, got[i].Similar); line != w {
			t.Errorf("group %d: got %s, want %s", i, line, w)
		}
	}
	total := 0
	for _, g := range got {
		total += g.Count
		if g.Question == "???" && len(g.Similar) > 0 {
			t.Errorf("questions without words were grouped: %+v", g)
		}
	}
	if total != 14 {
		t.Errorf("groups count %d questions, want 14", total)
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Wie beantrage ich Grundsicherung?", "[beantrag grundsicher]"},
		{"Grundsicherung beantragen", "[beantrag grundsicher]"},
		{"Anträge für Brillen", "[antrag brill]"},
		{"Bürgerbüro Hörde", "[burgerburo hord]"},
		{"Buergerbuero Hoerde", "[burgerburo hord]"},
		{"Mein Name ist [Name], Nummer [Zahl]", "[numm]"},
	}
	for _, tt := range tests {
		var words []string
		for w := range Words(tt.in) {
			words = append(words, w)
		}
		sort.Strings(words)
		if got := fmt.Sprint(words); got != tt.want {
			t.Errorf("Words(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
