// Package ops is what operators need to run the bot: Prometheus metrics, an
// admin HTTP listener with /healthz, /readyz and /metrics (off by default,
// loopback by default), and the knowledge base's live reload with the staff's
// /status and /reload in Telegram.
//
// Nothing here records message text, names, or user or chat ids.
package ops

import (
	"context"
	"errors"
	"reflect"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/sozialamt-dortmund/sozialbot/bot"
	"github.com/sozialamt-dortmund/sozialbot/index"
)

// Metrics counts what the bot does, in its own Prometheus registry. All
// methods are safe for concurrent use, and all do nothing on a nil
// *Metrics, so callers need no checks when metrics are off.
//
// The metrics, all prefixed sozialbot_:
//
//	updates_handled_total              counter    Telegram updates handled
//	update_duration_seconds            histogram  time to handle one update
//	answers_total{outcome}             counter    answered, declined, feedback-up, feedback-down
//	search_duration_seconds            histogram  time of one search
//	search_errors_total                counter    searches that failed
//	reloads_total{result}              counter    knowledge reloads: ok, failed, held (waiting for staff)
//	knowledge_loaded_timestamp_seconds gauge      when the served knowledge base was loaded
//	telegram_retry_after_total{method} counter    429 answers from Telegram, by API method
//	updates_overdue_total              counter    updates confirmed to Telegram before their answer
//	state_save_ok                      gauge      1 while the delivery state can be saved, else 0
//	webhook_refused_total{reason}      counter    refused webhook requests: unauthorized, method, too_large, not_update
//
// plus the Go runtime and process metrics.
type Metrics struct {
	reg          *prometheus.Registry
	updates      prometheus.Counter
	updateTime   prometheus.Histogram
	answers      *prometheus.CounterVec
	searchTime   prometheus.Histogram
	searchErrors prometheus.Counter
	reloads      *prometheus.CounterVec
	loaded       prometheus.Gauge
	retryAfter   *prometheus.CounterVec
	overdue      prometheus.Counter
	stateOK      prometheus.Gauge
	refused      *prometheus.CounterVec
	stateFailing atomic.Bool
}

// Outcomes are the values of the outcome label; others count as "other",
// so that a label can never grow without bound.
var Outcomes = []string{
	string(bot.OutcomeAnswered), string(bot.OutcomeDeclined),
	string(bot.OutcomeFeedbackUp), string(bot.OutcomeFeedbackDown), "other",
}

// NewMetrics returns metrics in a fresh registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		updates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "sozialbot_updates_handled_total", Help: "Telegram updates handled.",
		}),
		updateTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "sozialbot_update_duration_seconds", Help: "Time to handle one Telegram update, sending included.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sozialbot_answers_total", Help: "Answers by outcome: answered, declined, feedback-up, feedback-down.",
		}, []string{"outcome"}),
		searchTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "sozialbot_search_duration_seconds", Help: "Time of one search in the knowledge base.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}),
		searchErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "sozialbot_search_errors_total", Help: "Searches that returned an error.",
		}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sozialbot_reloads_total", Help: "Reloads of the knowledge base by result: ok, failed, or held (it would remove many topics; waits for staff). Unless ok, the last good one stays in service.",
		}, []string{"result"}),
		loaded: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sozialbot_knowledge_loaded_timestamp_seconds", Help: "When the knowledge base in service was loaded (Unix time).",
		}),
		retryAfter: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sozialbot_telegram_retry_after_total", Help: "429 Too Many Requests answers from the Telegram Bot API, by method.",
		}, []string{"method"}),
		overdue: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "sozialbot_updates_overdue_total", Help: "Telegram updates confirmed to Telegram before they were answered, because they held back newer ones; lost if the bot stops before answering them.",
		}),
		stateOK: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sozialbot_state_save_ok", Help: "1 while the delivery state (answered update ids) can be saved, 0 while saving fails.",
		}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sozialbot_webhook_refused_total", Help: "Refused webhook requests by reason: unauthorized (wrong or missing token header), method, too_large, not_update.",
		}, []string{"reason"}),
	}
	m.stateOK.Set(1)
	m.reg.MustRegister(m.updates, m.updateTime, m.answers, m.searchTime, m.searchErrors, m.reloads, m.loaded, m.retryAfter,
		m.overdue, m.stateOK, m.refused,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, o := range Outcomes {
		m.answers.WithLabelValues(o) // show zeros from the start
	}
	m.reloads.WithLabelValues("ok")
	m.reloads.WithLabelValues("failed")
	m.reloads.WithLabelValues("held")
	return m
}

// Registry returns the registry that holds the metrics, e.g. to add more.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// UpdateHandled counts one Telegram update handled.
func (m *Metrics) UpdateHandled() {
	if m != nil {
		m.updates.Inc()
	}
}

// Answer counts one answer by its outcome (see Outcomes).
func (m *Metrics) Answer(outcome string) {
	if m == nil {
		return
	}
	known := false
	for _, o := range Outcomes {
		known = known || o == outcome
	}
	if !known {
		outcome = "other"
	}
	m.answers.WithLabelValues(outcome).Inc()
}

// Latency records the time of one search.
func (m *Metrics) Latency(d time.Duration) {
	if m != nil {
		m.searchTime.Observe(d.Seconds())
	}
}

// Reload counts one reload of the knowledge base: err nil means the new one
// is in service.
func (m *Metrics) Reload(err error) {
	if m == nil {
		return
	}
	var held *HeldBack
	switch {
	case errors.As(err, &held):
		m.reloads.WithLabelValues("held").Inc()
		return
	case err != nil:
		m.reloads.WithLabelValues("failed").Inc()
		return
	}
	m.reloads.WithLabelValues("ok").Inc()
	m.loaded.SetToCurrentTime()
}

// Loaded records that a knowledge base was put in service at t (at start).
func (m *Metrics) Loaded(t time.Time) {
	if m != nil {
		m.loaded.Set(float64(t.UnixNano()) / 1e9)
	}
}

// RetryAfter counts one 429 answer from Telegram to an API method. Its
// signature fits delivery.ClientConfig.On429.
func (m *Metrics) RetryAfter(method string, _ time.Duration) {
	if m == nil {
		return
	}
	if method == "" || len(method) > 40 {
		method = "other"
	}
	m.retryAfter.WithLabelValues(method).Inc()
}

// Overdue counts updates confirmed to Telegram before their answer. Its
// signature fits delivery.Config.OnOverdue.
func (m *Metrics) Overdue(n int) {
	if m != nil {
		m.overdue.Add(float64(n))
	}
}

// StateSave records whether the delivery state can be saved: err nil means
// it can (again). Its signature fits delivery.Config.OnStateSave.
func (m *Metrics) StateSave(err error) {
	if m == nil {
		return
	}
	m.stateFailing.Store(err != nil)
	if err != nil {
		m.stateOK.Set(0)
	} else {
		m.stateOK.Set(1)
	}
}

// StateSaveOK reports whether the last save of the delivery state worked
// (true on a nil *Metrics), for /readyz.
func (m *Metrics) StateSaveOK() bool {
	return m == nil || !m.stateFailing.Load()
}

// WebhookRefused counts one refused webhook request. Its signature fits
// delivery.Config.OnRefused.
func (m *Metrics) WebhookRefused(reason string) {
	if m == nil {
		return
	}
	switch reason {
	case "unauthorized", "method", "too_large", "not_update":
	default:
		reason = "other"
	}
	m.refused.WithLabelValues(reason).Inc()
}

// Record counts an event of the conversation by its outcome. With it,
// *Metrics is a bot.Recorder; see Fanout to use it beside the insights store.
func (m *Metrics) Record(ev bot.Event) { m.Answer(string(ev.Outcome)) }

// Handler wraps the handler of Telegram updates (a delivery.Handler) so that
// every update is counted and timed.
func (m *Metrics) Handler(next func(context.Context, *models.Update)) func(context.Context, *models.Update) {
	if m == nil {
		return next
	}
	return func(ctx context.Context, u *models.Update) {
		start := time.Now()
		defer func() {
			m.updateTime.Observe(time.Since(start).Seconds())
			m.UpdateHandled()
		}()
		next(ctx, u)
	}
}

// Searcher wraps the bot's search so that every search is timed, and
// failures counted.
func (m *Metrics) Searcher(next bot.Searcher) bot.Searcher {
	if m == nil {
		return next
	}
	return timedSearcher{next, m}
}

type timedSearcher struct {
	bot.Searcher
	m *Metrics
}

func (t timedSearcher) Search(ctx context.Context, question string) (index.Result, error) {
	start := time.Now()
	res, err := t.Searcher.Search(ctx, question)
	t.m.Latency(time.Since(start))
	if err != nil {
		t.m.searchErrors.Inc()
	}
	return res, err
}

// Fanout passes every event to each of the recorders that is not nil, e.g.
// the insights store and the metrics.
func Fanout(recorders ...bot.Recorder) bot.Recorder {
	var live fanout
	for _, r := range recorders {
		if r != nil && !isNilPointer(r) {
			live = append(live, r)
		}
	}
	return live
}

// isNilPointer catches a nil *insights.Store or *Metrics in an interface.
func isNilPointer(r bot.Recorder) bool {
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

type fanout []bot.Recorder

func (f fanout) Record(ev bot.Event) {
	for _, r := range f {
		r.Record(ev)
	}
}
