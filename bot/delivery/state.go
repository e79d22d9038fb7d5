package delivery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/sozialamt-dortmund/sozialbot/bot/atomicfile"
)

// StateFileName is the file in Config.StateDir that records answered updates.
const StateFileName = "offset.json"

// maxUpdateID bounds update ids in the state file: Telegram's integers fit
// in 52 bits. A watermark outside [0, maxUpdateID] cannot come from
// Telegram, and 2^63−1 would make the next offset overflow.
const maxUpdateID = 1<<52 - 1

// maxWebhookHandled is how many handled ids webhook mode remembers above
// the watermark before it folds the oldest into the watermark.
const maxWebhookHandled = 10000

// Saving the state: after a failed save the saver waits saveRetryMin,
// doubling up to saveRetryMax, before it tries again.
const (
	saveRetryMin = time.Second
	saveRetryMax = 30 * time.Second
)

// maxSaveWait bounds how long a worker waits for its answer to reach the
// state file before it takes the next update (see state.awaitSaved).
const maxSaveWait = 5 * time.Second

// stateFile is the JSON in StateFileName. It holds update ids and, for
// Lost, chat ids and language codes: never the text of a message.
type stateFile struct {
	Version int `json:"version"`
	// Watermark: every update id up to here is answered, listed in Lost,
	// or was never sent. Telegram has been told (offset) to forget them.
	Watermark int64 `json:"watermark"`
	// Handled lists ids above the watermark that are answered (chats
	// finish out of order). Telegram delivers them again after a restart,
	// together with the unanswered ones; these are skipped.
	Handled []int64 `json:"handled,omitempty"`
	// Lost lists updates at or below the watermark that were confirmed to
	// Telegram before they were answered (see state.confirmOverdue) and are
	// not answered yet. Telegram will not send them again, so after a
	// restart Config.OnLost asks their senders to write again.
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

// state tracks which updates are answered and persists it. Safe for
// concurrent use.
//
// Polling: the getUpdates offset (watermark+1) confirms an update to
// Telegram only when it is answered, so every unanswered update comes again
// after a restart. The watermark is the highest id such that every id up to
// it is answered or overdue; answered ids above it are listed in Handled so
// their redelivery is skipped. Only when unanswered updates block
// getUpdates from reaching newer ones for Config.StallAfter are they
// confirmed early ("overdue", saved as Lost until answered).
//
// Webhooks deliver chats independently, so there the watermark only absorbs
// the oldest handled ids when the set grows past maxWebhookHandled.
type state struct {
	path    string // "" keeps state in memory
	webhook bool
	log     *slog.Logger
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	write   func(path string, data []byte) error
	onSave  func(error) // told when saving starts failing (err) and works again (nil)

	mu          sync.Mutex
	watermark   int64
	maxReceived int64
	handled     map[int64]bool            // ids > watermark that are answered
	inflight    map[int64]inflightUpdate  // ids > watermark, received, not answered
	overdue     map[int64]json.RawMessage // ids <= watermark, confirmed, not answered (saved as Lost)
	lost        map[int64]Lost            // from the file: confirmed, never answered
	progress    chan struct{}             // closed and replaced when an update finishes
	version     uint64                    // bumped on every change that must be saved
	saved       uint64                    // the version in the file
	savedCh     chan struct{}             // closed and replaced when saved or failing changes
	failing     error                     // the last save's error; nil when it worked

	dirty  chan struct{} // wakes the saver; capacity 1
	saveMu sync.Mutex    // one save at a time, so an older snapshot never overwrites a newer one
}

type inflightUpdate struct {
	raw json.RawMessage
	at  time.Time
}

// openState loads cfg.StateDir/offset.json if it exists and proves that it
// can be saved. A file that cannot be read, holds an impossible watermark
// or cannot be written is an error: starting anyway could answer a day of
// updates twice, or lose every answer's record.
func openState(cfg Config, webhook bool) (*state, error) {
	s := &state{
		webhook:  webhook,
		log:      cfg.Logger,
		now:      cfg.now,
		sleep:    cfg.sleep,
		write:    cfg.writeFile,
		onSave:   cfg.OnStateSave,
		handled:  map[int64]bool{},
		inflight: map[int64]inflightUpdate{},
		overdue:  map[int64]json.RawMessage{},
		lost:     map[int64]Lost{},
		progress: make(chan struct{}),
		savedCh:  make(chan struct{}),
		dirty:    make(chan struct{}, 1),
	}
	if s.write == nil {
		s.write = func(path string, data []byte) error { return atomicfile.WriteBytes(path, 0o600, data) }
	}
	dir := cfg.StateDir
	if dir == "" {
		s.log.Warn("no state directory: answered updates are kept in memory only; a restart may answer some updates twice")
		return s, nil
	}
	s.path = filepath.Join(dir, StateFileName)
	f, err := readStateFile(s.path)
	if err != nil {
		return nil, err
	}
	if f != nil {
		s.watermark, s.maxReceived = f.Watermark, f.Watermark
		for _, id := range f.Handled {
			s.handled[id] = true
		}
		for _, l := range f.Lost {
			s.lost[l.UpdateID] = l
		}
		s.log.Info("state loaded", "path", s.path, "watermark", s.watermark, "handled_above", len(s.handled), "lost", len(s.lost))
	}
	// Prove now that the state can be saved, not at the first answer.
	if err := s.save(true); err != nil {
		return nil, fmt.Errorf("state folder %s is not writable: %w", dir, err)
	}
	return s, nil
}

// CheckStateDir checks the state folder dir before the bot talks to
// Telegram: its state file, if there is one, must be readable, valid (a
// possible watermark) and writable, and the folder must take new files
// (the state is saved by writing a new file and renaming it).
func CheckStateDir(dir string) error {
	if _, err := readStateFile(filepath.Join(dir, StateFileName)); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".check.*.tmp")
	if err != nil {
		return fmt.Errorf("state folder %s is not writable: %w", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// readStateFile reads and checks path; it returns nil and no error when
// there is no file yet.
func readStateFile(path string) (*stateFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	// The file is replaced by rename, so its own permissions do not stop a
	// save; but a file this process may not write was made by someone else.
	w, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("state file %s is not writable: %w", path, err)
	}
	w.Close()
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w (fix or remove the file; removing it may answer up to a day of updates a second time)", path, err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("%s: unknown version %d", path, f.Version)
	}
	bad := func(what string, id int64) error {
		return fmt.Errorf("%s: %s %d is impossible (Telegram's update ids are 0 to %d); fix or remove the file (removing it may answer up to a day of updates a second time)", path, what, id, int64(maxUpdateID))
	}
	if f.Watermark < 0 || f.Watermark > maxUpdateID {
		return nil, bad("watermark", f.Watermark)
	}
	for _, id := range f.Handled {
		if id <= f.Watermark || id > maxUpdateID {
			return nil, bad("handled id", id)
		}
	}
	for _, l := range f.Lost {
		// Not checked against the watermark: after Telegram renumbers
		// (rebase) older entries may lie above it.
		if l.UpdateID <= 0 || l.UpdateID > maxUpdateID {
			return nil, bad("lost update id", l.UpdateID)
		}
	}
	return &f, nil
}

// offset is the getUpdates offset: it confirms exactly the updates that are
// answered or overdue.
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
	s.markDirty()
}

// acceptance is what accept found about an update id.
type acceptance int

const (
	accepted       acceptance = iota // new: now in flight
	alreadyHandled                   // answered, or overdue and in the queue
	stillInFlight                    // being handled right now
)

// accept marks id as in flight unless it is already answered, overdue or in
// flight. raw is kept for confirmOverdue (polling; nil for webhooks).
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
// shutdown deadline, or never started) leaves it unanswered: an overdue
// update stays in Lost, and an unconfirmed one is delivered again by
// Telegram. finish does not wait for the save; see awaitSaved.
func (s *state) finish(id int64, handled bool) {
	s.mu.Lock()
	if handled {
		if _, ok := s.overdue[id]; ok {
			delete(s.overdue, id)
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
	s.markDirty()
}

// awaitSaved waits until everything finished so far is in the state file,
// or saving fails, or maxSaveWait passes. A worker calls it after each
// answer, so at a kill at most one answer per worker is unrecorded (and is
// sent again after the restart).
func (s *state) awaitSaved() {
	s.mu.Lock()
	v := s.version
	s.mu.Unlock()
	timer := time.NewTimer(maxSaveWait)
	defer timer.Stop()
	for {
		s.mu.Lock()
		if s.path == "" || s.saved >= v || s.failing != nil {
			s.mu.Unlock()
			return
		}
		ch := s.savedCh
		s.mu.Unlock()
		select {
		case <-ch:
		case <-timer.C:
			return
		}
	}
}

func (s *state) markDirty() {
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
	// Every received id below the lowest one in flight is answered or
	// overdue; ids in between that never came are gaps Telegram left.
	limit := s.maxReceived
	for id := range s.inflight {
		limit = min(limit, id-1)
	}
	for id := range s.handled {
		if id <= limit && id > s.watermark {
			s.watermark = id
		}
	}
	for id := range s.handled {
		if id <= s.watermark {
			delete(s.handled, id)
		}
	}
}

// confirmOverdue confirms the updates that have been in flight for at least
// age: they join the overdue set (saved as Lost until answered) and the
// watermark moves up to the first younger update in flight, or to the
// highest received id. The next getUpdates then reaches newer updates. The
// state is saved before it returns; when that fails nothing changes, since
// what is not saved must not be confirmed to Telegram. It returns how many
// updates became overdue.
func (s *state) confirmOverdue(age time.Duration) (int, error) {
	s.mu.Lock()
	oldWatermark := s.watermark
	now := s.now()
	limit := s.maxReceived
	for id, in := range s.inflight {
		if now.Sub(in.at) < age {
			limit = min(limit, id-1)
		}
	}
	moved := map[int64]inflightUpdate{}
	for id, in := range s.inflight {
		if id <= limit {
			moved[id] = in
			s.overdue[id] = in.raw
			delete(s.inflight, id)
		}
	}
	if limit > s.watermark {
		s.watermark = limit
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

	if err := s.save(false); err != nil {
		s.mu.Lock()
		s.watermark = oldWatermark
		for _, id := range absorbed {
			s.handled[id] = true
		}
		for id, in := range moved {
			if _, ok := s.overdue[id]; ok {
				delete(s.overdue, id)
				s.inflight[id] = in
			} else {
				s.handled[id] = true // answered meanwhile
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

// inflightCount is how many received updates above the watermark are not
// answered yet.
func (s *state) inflightCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.inflight)
}

// saveFailing reports whether the last save failed.
func (s *state) saveFailing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failing != nil
}

// progressed returns a channel closed at the next finish.
func (s *state) progressed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.progress
}

func (s *state) sortedHandledLocked() []int64 {
	return slices.Sorted(maps.Keys(s.handled))
}

// save writes the state if it changed since the last save (or always, with
// force). The first failure after a success is logged and reported to
// onSave; so is the first success after failures. Further failures are
// only returned: the saver retries with backoff.
func (s *state) save(force bool) error {
	if s.path == "" {
		return nil
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.mu.Lock()
	version := s.version
	if version == s.saved && !force && s.failing == nil {
		s.mu.Unlock()
		return nil
	}
	f := stateFile{Version: 1, Watermark: s.watermark, Handled: s.sortedHandledLocked(), Saved: s.now().UTC()}
	for _, id := range slices.Sorted(maps.Keys(s.lost)) {
		f.Lost = append(f.Lost, s.lost[id])
	}
	for _, id := range slices.Sorted(maps.Keys(s.overdue)) {
		f.Lost = append(f.Lost, lostOf(s.overdue[id]))
	}
	s.mu.Unlock()
	data, err := json.Marshal(f)
	if err == nil {
		err = s.write(s.path, data)
	}

	s.mu.Lock()
	wasFailing := s.failing
	if err != nil {
		s.failing = err
	} else {
		s.failing = nil
		s.saved = max(s.saved, version)
	}
	close(s.savedCh)
	s.savedCh = make(chan struct{})
	s.mu.Unlock()
	switch {
	case err != nil && wasFailing == nil:
		s.log.Error("cannot save the delivery state; answering goes on, retrying with backoff; until it works a restart may answer updates twice and /readyz is not ready",
			"path", s.path, "err", err)
		if s.onSave != nil {
			s.onSave(err)
		}
	case err == nil && wasFailing != nil:
		s.log.Info("delivery state saved again", "path", s.path)
		if s.onSave != nil {
			s.onSave(nil)
		}
	}
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	return nil
}

// saveLoop saves whenever the state changed until ctx is done, then once
// more. After a failed save it waits (saveRetryMin doubling up to
// saveRetryMax) before the next try, so a full disk costs neither CPU nor
// log lines.
func (s *state) saveLoop(ctx context.Context) {
	wait := time.Duration(0)
	for {
		select {
		case <-s.dirty:
		case <-ctx.Done():
			if err := s.save(false); err != nil {
				s.log.Error("could not save the delivery state at shutdown; a restart may answer updates twice", "err", err)
			}
			return
		}
		if s.save(false) == nil {
			wait = 0
			continue
		}
		wait = min(max(2*wait, saveRetryMin), saveRetryMax)
		_ = s.sleep(ctx, wait)
		s.markDirty()
	}
}

// tellLost calls cfg.OnLost for each update a previous run confirmed but did
// not answer, and forgets it, until ctx ends. It runs beside intake, so new
// questions do not wait behind these notices.
func tellLost(ctx context.Context, cfg Config, st *state) {
	lost := st.lostUpdates()
	if len(lost) == 0 {
		return
	}
	cfg.Logger.Warn("updates confirmed but not answered before the last stop; asking their senders to write again", "count", len(lost))
	for _, l := range lost {
		if ctx.Err() != nil {
			return // the rest are told at the next start
		}
		if cfg.OnLost != nil && l.ChatID != 0 {
			cfg.OnLost(ctx, l)
		}
		st.forgetLost(l.UpdateID)
	}
}
