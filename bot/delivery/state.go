package delivery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/go-telegram/bot/models"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// StateFileName is the file in Config.StateDir that records handled updates.
const StateFileName = "offset.json"

// maxWebhookHandled is how many handled ids webhook mode remembers above
// the watermark before it folds the oldest into the watermark.
const maxWebhookHandled = 10000

// stateFile is the JSON in StateFileName.
type stateFile struct {
	Version int `json:"version"`
	// Watermark: every update id up to here is handled, or listed in
	// Pending, or was never sent. Telegram has been told (offset) to forget
	// them.
	Watermark int64 `json:"watermark"`
	// Handled lists ids above the watermark that are handled (handlers of
	// different chats finish out of order).
	Handled []int64 `json:"handled,omitempty"`
	// Lost lists updates at or below the watermark that were accepted but
	// not handled yet (see state.spill), with nothing but what it takes to
	// tell the person that their message must be sent again: the text of a
	// message is never written to disk together with an id.
	Lost  []Lost    `json:"lost,omitempty"`
	Saved time.Time `json:"saved"`
}

// Lost is an update that was confirmed to Telegram but not answered when the
// bot stopped. Only the ids needed to reply are kept, never the text; after a
// restart Config.OnLost asks the person to send it again.
type Lost struct {
	UpdateID int64 `json:"update_id"`
	// ChatID is where to reply; 0 when the update had no chat (inline query).
	ChatID int64 `json:"chat_id,omitempty"`
	// Lang is the sender's Telegram language code, for the reply's language.
	Lang string `json:"lang,omitempty"`
}

// lostOf keeps of an update only what Lost holds.
func lostOf(raw json.RawMessage) Lost {
	f := decodeUpdate(raw)
	l := Lost{UpdateID: f.id}
	if f.u == nil {
		return l
	}
	var from *models.User
	switch u := f.u; {
	case u.Message != nil:
		l.ChatID, from = u.Message.Chat.ID, u.Message.From
	case u.CallbackQuery != nil:
		from = &u.CallbackQuery.From
		l.ChatID = from.ID // buttons are pressed in private chats
	}
	if from != nil {
		l.Lang = from.LanguageCode
	}
	return l
}

// state tracks which updates are handled and persists it. Safe for
// concurrent use.
//
// Polling: an update is confirmed to Telegram (offset) only when it is
// handled or saved in Pending. The watermark is the highest id such that
// every received id up to it is handled or pending. Saving to Pending
// ("spilling") happens only when getUpdates would otherwise be stuck: it
// returns at most 100 updates from the offset, so without it one slow chat
// would hold everyone else's updates back.
//
// Webhooks deliver chats independently, so there the watermark only absorbs
// the oldest handled ids when the set grows past maxWebhookHandled.
type state struct {
	path    string // "" keeps state in memory
	webhook bool
	log     *slog.Logger
	now     func() time.Time

	mu          sync.Mutex
	watermark   int64
	maxReceived int64
	handled     map[int64]bool            // ids > watermark that are handled
	inflight    map[int64]inflightUpdate  // received ids > watermark, not handled
	pending     map[int64]json.RawMessage // ids <= watermark, not handled (saved as Lost)
	lost        map[int64]Lost            // from the file: confirmed, never answered
	progress    chan struct{}             // closed and replaced when an update finishes
	version     uint64                    // bumped on every change that must be saved
	saved       uint64

	dirty  chan struct{} // wakes the saver; capacity 1
	saveMu sync.Mutex    // one save at a time, so an older snapshot never overwrites a newer one
}

type inflightUpdate struct {
	raw json.RawMessage
	at  time.Time
}

// openState loads dir/offset.json if it exists. A file that cannot be read
// is an error: starting from scratch could answer a day of updates twice.
func openState(dir string, webhook bool, log *slog.Logger) (*state, error) {
	s := &state{
		webhook:  webhook,
		log:      log,
		now:      time.Now,
		handled:  map[int64]bool{},
		inflight: map[int64]inflightUpdate{},
		pending:  map[int64]json.RawMessage{},
		lost:     map[int64]Lost{},
		progress: make(chan struct{}),
		dirty:    make(chan struct{}, 1),
	}
	if dir == "" {
		log.Warn("no state directory: handled updates are kept in memory only; a restart may answer some updates twice")
		return s, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	s.path = filepath.Join(dir, StateFileName)
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		// Prove now that the directory is writable, not at the first update.
		return s, s.save()
	}
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w (fix or remove the file; removing it may answer pending updates twice)", s.path, err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("%s: unknown version %d", s.path, f.Version)
	}
	s.watermark, s.maxReceived = f.Watermark, f.Watermark
	for _, id := range f.Handled {
		if id > s.watermark {
			s.handled[id] = true
		}
	}
	for _, l := range f.Lost {
		s.lost[l.UpdateID] = l
	}
	log.Info("state loaded", "path", s.path, "watermark", s.watermark, "handled_above", len(s.handled), "lost", len(s.lost))
	return s, nil
}

// offset is the getUpdates offset: it confirms exactly the updates that are
// handled or pending.
func (s *state) offset() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.watermark + 1
}

// lostUpdates returns the updates a previous run confirmed but did not
// answer, in id order.
func (s *state) lostUpdates() []Lost {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Lost, 0, len(s.lost))
	for _, id := range slices.Sorted(maps.Keys(s.lost)) {
		out = append(out, s.lost[id])
	}
	return out
}

// forgetLost records that the person was told (or could not be).
func (s *state) forgetLost(id int64) {
	s.mu.Lock()
	delete(s.lost, id)
	s.version++
	s.mu.Unlock()
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

// acceptance is what receive found about an update id.
type acceptance int

const (
	accepted       acceptance = iota // new: now in flight
	alreadyHandled                   // handled, or pending (saved) for handling
	stillInFlight                    // being handled right now
)

// accept marks id as in flight unless it is already handled, pending or in
// flight. raw is kept for spilling (polling; nil for webhooks).
func (s *state) accept(id int64, raw json.RawMessage) acceptance {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id <= s.watermark || s.handled[id] {
		return alreadyHandled
	}
	if _, ok := s.inflight[id]; ok {
		return stillInFlight
	}
	s.inflight[id] = inflightUpdate{raw: raw, at: s.now()}
	if id > s.maxReceived {
		s.maxReceived = id
	}
	return accepted
}

// finish records the end of handling id. handled=false (cut off by the
// shutdown deadline, or never started) leaves it unhandled: pending stays
// pending, and an unconfirmed update is delivered again by Telegram.
func (s *state) finish(id int64, handled bool) {
	s.mu.Lock()
	if handled {
		if _, ok := s.pending[id]; ok {
			delete(s.pending, id)
		} else {
			delete(s.inflight, id)
			if id > s.watermark {
				s.handled[id] = true
			}
		}
		s.advanceLocked()
		s.version++
	} else if s.webhook {
		delete(s.inflight, id)
	}
	close(s.progress)
	s.progress = make(chan struct{})
	s.mu.Unlock()
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

func (s *state) advanceLocked() {
	if s.webhook {
		if len(s.handled) <= maxWebhookHandled {
			return
		}
		ids := s.sortedHandledLocked()
		for _, id := range ids[:len(ids)-maxWebhookHandled/2] {
			s.watermark = id
			delete(s.handled, id)
		}
		return
	}
	limit := int64(-1) // no update in flight: every handled id may be absorbed
	for id := range s.inflight {
		if limit < 0 || id-1 < limit {
			limit = id - 1
		}
	}
	for id := range s.handled {
		if (limit < 0 || id <= limit) && id > s.watermark {
			s.watermark = id
		}
	}
	for id := range s.handled {
		if id <= s.watermark {
			delete(s.handled, id)
		}
	}
}

// spill saves every update in flight as pending and moves the watermark to
// the highest received id, so the next getUpdates fetches new updates
// instead of the same unconfirmed ones. It returns how many were spilled;
// the state is saved before it returns.
func (s *state) spill() (int, error) {
	s.mu.Lock()
	oldWatermark := s.watermark
	moved := make(map[int64]inflightUpdate, len(s.inflight))
	for id, in := range s.inflight {
		moved[id] = in
		s.pending[id] = in.raw
		delete(s.inflight, id)
	}
	if s.maxReceived > s.watermark {
		s.watermark = s.maxReceived
	}
	var absorbed []int64
	for id := range s.handled {
		if id <= s.watermark {
			absorbed = append(absorbed, id)
			delete(s.handled, id)
		}
	}
	s.version++
	s.mu.Unlock()

	if err := s.save(); err != nil {
		// Undo: what is not saved must not be confirmed to Telegram.
		s.mu.Lock()
		s.watermark = oldWatermark
		for _, id := range absorbed {
			s.handled[id] = true
		}
		for id, in := range moved {
			if _, ok := s.pending[id]; ok {
				delete(s.pending, id)
				s.inflight[id] = in
			} else {
				s.handled[id] = true // finished meanwhile
			}
		}
		s.mu.Unlock()
		return 0, err
	}
	return len(moved), nil
}

// rebase handles update ids that went below the confirmed offset, which
// Telegram does after a week without updates (ids restart at random).
func (s *state) rebase(lowest int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log.Warn("update ids went below the stored offset; Telegram has restarted its numbering, resetting the state",
		"stored_watermark", s.watermark, "lowest_received", lowest)
	s.watermark, s.maxReceived = lowest-1, lowest-1
	clear(s.handled)
	s.version++
}

// oldestInflight returns how long the oldest update in flight has been
// waiting, and how many are in flight.
func (s *state) oldestInflight() (time.Duration, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var oldest time.Time
	for _, in := range s.inflight {
		if oldest.IsZero() || in.at.Before(oldest) {
			oldest = in.at
		}
	}
	if oldest.IsZero() {
		return 0, 0
	}
	return s.now().Sub(oldest), len(s.inflight)
}

// progressed returns a channel closed at the next finish.
func (s *state) progressed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.progress
}

func (s *state) sortedHandledLocked() []int64 {
	ids := make([]int64, 0, len(s.handled))
	for id := range s.handled {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// save writes the state atomically if it changed since the last save.
func (s *state) save() error {
	if s.path == "" {
		return nil
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.mu.Lock()
	version := s.version
	if version == s.saved && version != 0 {
		s.mu.Unlock()
		return nil
	}
	f := stateFile{Version: 1, Watermark: s.watermark, Handled: s.sortedHandledLocked(), Saved: time.Now().UTC()}
	for _, id := range slices.Sorted(maps.Keys(s.lost)) {
		f.Lost = append(f.Lost, s.lost[id])
	}
	for _, id := range slices.Sorted(maps.Keys(s.pending)) {
		f.Lost = append(f.Lost, lostOf(s.pending[id]))
	}
	s.mu.Unlock()
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.path, data); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	s.mu.Lock()
	if version > s.saved {
		s.saved = version
	}
	s.mu.Unlock()
	return nil
}

// saveInterval is the least time between two background saves. Handled
// ids reach the file at most this much later; a crash in between may
// answer those updates again (spilled updates are saved at once by spill).
const saveInterval = 100 * time.Millisecond

// saveLoop saves whenever the state changed, at most every saveInterval,
// until stop is closed; then it saves once more.
func (s *state) saveLoop(stop <-chan struct{}) {
	var last time.Time
	for {
		select {
		case <-s.dirty:
			if wait := saveInterval - time.Since(last); wait > 0 {
				t := time.NewTimer(wait)
				select {
				case <-t.C:
				case <-stop:
					t.Stop()
				}
			}
			last = time.Now()
			if err := s.save(); err != nil {
				s.log.Error("could not save delivery state; a restart may answer updates twice", "err", err)
			}
		case <-stop:
			if err := s.save(); err != nil {
				s.log.Error("could not save delivery state at shutdown; a restart may answer updates twice", "err", err)
			}
			return
		}
	}
}

// writeFileAtomic replaces path with data so that a crash leaves either the
// old or the new content: temp file in the same directory, fsync, rename,
// fsync of the directory.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // not supported everywhere; the rename is what matters
		d.Close()
	}
	return nil
}

// tellLost calls cfg.OnLost for each update a previous run confirmed but did
// not answer, and forgets it. It returns false when ctx ended first.
func tellLost(ctx context.Context, cfg Config, st *state) bool {
	lost := st.lostUpdates()
	if len(lost) > 0 {
		cfg.Logger.Warn("updates confirmed but not answered before the last stop; asking their senders to write again", "count", len(lost))
	}
	for _, l := range lost {
		if ctx.Err() != nil {
			return false
		}
		if cfg.OnLost != nil && l.ChatID != 0 {
			cfg.OnLost(ctx, l)
		}
		st.forgetLost(l.UpdateID)
	}
	return true
}
