package ops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// AdminHandler serves the admin endpoints:
//
//	/healthz  200 "ok" while the process runs
//	/readyz   200 "ready" when ready() reports true (serve: a knowledge base in
//	          service and a delivery state that can be saved), else 503
//	/metrics  the metrics in Prometheus' text format (404 when m is nil)
//
// Everything else is 404. The endpoints show no message text and no ids.
func AdminHandler(m *Metrics, ready func() bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if ready == nil || !ready() {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "not ready: no knowledge base in service, or the delivery state cannot be saved (see the log)")
			return
		}
		fmt.Fprintln(w, "ready")
	})
	if m != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
	}
	return mux
}

// ErrNotLoopback is returned by ListenAdmin for an address other machines
// could reach, unless that is allowed.
var ErrNotLoopback = errors.New("the admin listener would be reachable from other machines; give a loopback address such as 127.0.0.1:9100, or allow it explicitly")

// ListenAdmin opens the listener of the admin endpoints. It is off by
// default: for an empty addr it returns nil and no error. The address must
// be on the loopback interface (127.0.0.1:9100, [::1]:9100,
// localhost:9100) unless allowPublic is true: an address without a host
// (":9100"), 0.0.0.0 or any other host is refused with ErrNotLoopback.
func ListenAdmin(addr string, allowPublic bool) (net.Listener, error) {
	if addr == "" {
		return nil, nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("admin address %q: %w", addr, err)
	}
	if !allowPublic && !isLoopbackHost(host) {
		return nil, fmt.Errorf("admin address %q: %w", addr, ErrNotLoopback)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("admin listener: %w", err)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !allowPublic && !tcp.IP.IsLoopback() {
		ln.Close() // "localhost" resolved to something else
		return nil, fmt.Errorf("admin address %q: %w", addr, ErrNotLoopback)
	}
	return ln, nil
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ServeAdmin serves h on ln until ctx is done, then shuts down, giving
// requests in progress up to five seconds. A nil ln means the admin
// listener is off: ServeAdmin then waits for ctx and returns nil. It returns
// the server's error otherwise.
func ServeAdmin(ctx context.Context, ln net.Listener, h http.Handler) error {
	if ln == nil {
		<-ctx.Done()
		return nil
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("admin listener: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	return err
}
