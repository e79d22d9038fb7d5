package delivery

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// MinSecretLen is the shortest webhook secret NewWebhook accepts. Telegram
// allows 1–256 characters from A-Z a-z 0-9 _ -; fewer than 16 are guessable.
const MinSecretLen = 16

// SecretHeader is the header in which Telegram sends the webhook secret.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Webhook is an http.Handler for Telegram's webhook requests. It uses the
// same dispatcher and the same state file as Poll. Safe for concurrent use.
type Webhook struct {
	cfg        Config
	secretHash [32]byte
	st         *state
	d          *dispatcher
	release    func() // the state folder's lock
	refused    refusals

	stopSave  context.CancelFunc
	saverDone chan struct{}
	toldDone  chan struct{}
	closeOnce sync.Once
}

// NewWebhook returns the webhook handler with its workers started. It
// refuses an empty, short or malformed secret (the one given to setWebhook
// as secret_token; see CheckSecret), a state folder another process uses,
// and a state file that cannot be read, checked or written. Call Close when
// the HTTP server has stopped.
func NewWebhook(cfg Config, secret string, h Handler) (*Webhook, error) {
	if err := CheckSecret(secret); err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("delivery: webhook needs a handler")
	}
	cfg = cfg.withDefaults()
	release := func() {}
	if cfg.StateDir != "" {
		var err error
		if release, err = LockStateDir(cfg.StateDir); err != nil {
			return nil, fmt.Errorf("delivery: %w", err)
		}
	}
	st, err := openState(cfg, true)
	if err != nil {
		release()
		return nil, fmt.Errorf("delivery: %w", err)
	}
	saveCtx, stopSave := context.WithCancel(context.Background())
	w := &Webhook{
		cfg:        cfg,
		secretHash: sha256.Sum256([]byte(secret)),
		st:         st,
		d:          newDispatcher(cfg, h, st.finish, st.awaitSaved),
		release:    release,
		refused:    refusals{now: cfg.now},
		stopSave:   stopSave,
		saverDone:  make(chan struct{}),
		toldDone:   make(chan struct{}),
	}
	go func() {
		st.saveLoop(saveCtx)
		close(w.saverDone)
	}()
	// Updates a polling run confirmed early but did not answer.
	go func() {
		tellLost(w.d.hardCtx, cfg, st)
		close(w.toldDone)
	}()
	return w, nil
}

// CheckSecret checks a webhook secret's format: MinSecretLen to 256
// characters from A-Z a-z 0-9 _ - (Telegram allows 1 to 256). The error
// never contains the secret.
func CheckSecret(secret string) error {
	if len(secret) < MinSecretLen || len(secret) > 256 {
		return fmt.Errorf("delivery: webhook secret must be %d–256 characters (got %d)", MinSecretLen, len(secret))
	}
	for _, c := range secret {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			return errors.New("delivery: webhook secret may contain only A-Z a-z 0-9 _ -")
		}
	}
	return nil
}

// refusals counts refused webhook requests and lets one log line through
// per refusalLogEvery, with the count since the last line, so a scan of the
// webhook cannot flood the log.
type refusals struct {
	now func() time.Time

	mu     sync.Mutex
	last   time.Time
	counts map[string]int
}

// refusalLogEvery is the least time between two log lines about refused
// webhook requests.
const refusalLogEvery = time.Minute

// refuse records one refused request and returns the counts to log, or nil
// when the last line was less than refusalLogEvery ago.
func (r *refusals) refuse(reason string) map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.counts == nil {
		r.counts = map[string]int{}
	}
	r.counts[reason]++
	now := r.now()
	if !r.last.IsZero() && now.Sub(r.last) < refusalLogEvery {
		return nil
	}
	r.last = now
	out := r.counts
	r.counts = nil
	return out
}

func (w *Webhook) refuse(rw http.ResponseWriter, r *http.Request, reason, text string, status int) {
	if w.cfg.OnRefused != nil {
		w.cfg.OnRefused(reason)
	}
	if counts := w.refused.refuse(reason); counts != nil {
		args := []any{"remote", r.RemoteAddr, "log_every", refusalLogEvery}
		for _, k := range slices.Sorted(maps.Keys(counts)) {
			args = append(args, k, counts[k])
		}
		w.cfg.Logger.Warn("webhook requests refused since the last such line (wrong or missing secret, wrong method, too large, not an update)", args...)
	}
	http.Error(rw, text, status)
}

// ServeHTTP answers one webhook request:
//   - not POST: 405;
//   - wrong or missing secret header: 401, nothing read or handled;
//   - body over WebhookMaxBody: 413; not an update: 400;
//   - already answered: 200; still being handled (a retry): 503;
//   - otherwise 200 once the handler returned and that was saved (or the
//     flood limit dropped it), 503 if shutdown prevented handling
//     (Telegram delivers it again).
//
// Refused requests (405, 401, 413, 400) are reported to OnRefused and
// logged at most once a minute, with counts.
func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		rw.Header().Set("Allow", http.MethodPost)
		w.refuse(rw, r, "method", "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := sha256.Sum256([]byte(r.Header.Get(SecretHeader)))
	if subtle.ConstantTimeCompare(got[:], w.secretHash[:]) != 1 {
		w.refuse(rw, r, "unauthorized", "unauthorized", http.StatusUnauthorized)
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, w.cfg.WebhookMaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.refuse(rw, r, "too_large", "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(rw, "read error", http.StatusBadRequest)
		return
	}
	var u models.Update
	if err := json.Unmarshal(data, &u); err != nil || u.ID <= 0 || u.ID > maxUpdateID {
		w.refuse(rw, r, "not_update", "not an update", http.StatusBadRequest)
		return
	}
	switch w.st.accept(u.ID, nil) {
	case alreadyHandled:
		rw.WriteHeader(http.StatusOK)
		return
	case stillInFlight:
		rw.Header().Set("Retry-After", "5")
		http.Error(rw, "update is being handled", http.StatusServiceUnavailable)
		return
	}
	result := make(chan outcome, 1)
	if err := w.d.submit(r.Context(), &u, result); err != nil {
		w.st.finish(u.ID, false)
		http.Error(rw, "not accepted, try again", http.StatusServiceUnavailable)
		return
	}
	select {
	case out := <-result:
		if out == abandonedOutcome {
			http.Error(rw, "shutting down, try again", http.StatusServiceUnavailable)
			return
		}
		rw.WriteHeader(http.StatusOK)
	case <-r.Context().Done():
		// Telegram stopped waiting; the handler goes on, and a redelivery
		// finds the update handled or in flight.
	}
}

// Close stops the webhook: requests get 503, the updates already accepted
// are answered until ctx is done or ShutdownTimeout passes (whichever is
// first), then the state is saved and the state folder unlocked. Call it
// after http.Server.Shutdown. It returns ctx's error if ctx ended first;
// calling it again does nothing.
func (w *Webhook) Close(ctx context.Context) error {
	w.closeOnce.Do(func() {
		timeout := w.cfg.ShutdownTimeout
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
			timeout = max(time.Until(dl), 0)
		}
		w.d.stop(timeout)
		<-w.toldDone
		w.stopSave()
		<-w.saverDone
		w.release()
	})
	return ctx.Err()
}
