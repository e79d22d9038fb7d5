package delivery

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
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

	stopSave  chan struct{}
	saverDone chan struct{}
	closeOnce sync.Once
}

// NewWebhook returns the webhook handler with its workers started. It
// refuses an empty, short or malformed secret (the one given to setWebhook
// as secret_token). Call Close when the HTTP server has stopped.
func NewWebhook(cfg Config, secret string, h Handler) (*Webhook, error) {
	if err := checkSecret(secret); err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("delivery: webhook needs a handler")
	}
	cfg = cfg.withDefaults()
	st, err := openState(cfg.StateDir, true, cfg.Logger)
	if err != nil {
		return nil, fmt.Errorf("delivery: %w", err)
	}
	st.now = cfg.now
	w := &Webhook{
		cfg:        cfg,
		secretHash: sha256.Sum256([]byte(secret)),
		st:         st,
		d:          newDispatcher(cfg, h, st.finish),
		stopSave:   make(chan struct{}),
		saverDone:  make(chan struct{}),
	}
	go func() {
		st.saveLoop(w.stopSave)
		close(w.saverDone)
	}()
	// Updates a polling run confirmed but did not answer.
	tellLost(context.Background(), cfg, st)
	return w, nil
}

func checkSecret(secret string) error {
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

// ServeHTTP answers one webhook request:
//   - not POST: 405;
//   - wrong or missing secret header: 401, nothing read or handled;
//   - body over WebhookMaxBody: 413; not an update: 400;
//   - already handled: 200; still being handled (a retry): 503;
//   - otherwise 200 after the handler returned or the flood limit dropped
//     it, 503 if shutdown prevented handling (Telegram delivers it again).
func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	log := w.cfg.Logger
	if r.Method != http.MethodPost {
		rw.Header().Set("Allow", http.MethodPost)
		http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := sha256.Sum256([]byte(r.Header.Get(SecretHeader)))
	if subtle.ConstantTimeCompare(got[:], w.secretHash[:]) != 1 {
		log.Warn("webhook request with a wrong or missing secret refused", "remote", r.RemoteAddr)
		http.Error(rw, "unauthorized", http.StatusUnauthorized)
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, w.cfg.WebhookMaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			log.Warn("webhook body over the limit refused", "limit", w.cfg.WebhookMaxBody)
			http.Error(rw, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(rw, "read error", http.StatusBadRequest)
		return
	}
	var u models.Update
	if err := json.Unmarshal(data, &u); err != nil || u.ID <= 0 {
		log.Warn("webhook body is not an update; refused")
		http.Error(rw, "not an update", http.StatusBadRequest)
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

// Close stops the webhook: requests get 503, handlers that run may finish
// until ctx is done or ShutdownTimeout passes (whichever is first), then the
// state is saved. Call it after http.Server.Shutdown. It returns ctx's error
// if ctx ended first; calling it again does nothing.
func (w *Webhook) Close(ctx context.Context) error {
	w.closeOnce.Do(func() {
		timeout := w.cfg.ShutdownTimeout
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
			timeout = max(time.Until(dl), 0)
		}
		w.d.stop(timeout)
		close(w.stopSave)
		<-w.saverDone
	})
	return ctx.Err()
}
