package delivery

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
)

// tokenInURL matches the token where it appears in Bot API URLs
// (/bot<id>:<secret>/method), also when the token is not known.
var tokenInURL = regexp.MustCompile(`bot[0-9]+:[A-Za-z0-9_-]+`)

// redact removes token (and anything shaped like a token in a Bot API URL)
// from s.
func redact(s, token string) string {
	if token != "" {
		s = strings.ReplaceAll(s, token, "<token>")
	}
	return tokenInURL.ReplaceAllString(s, "bot<token>")
}

// redactedError keeps an error's chain for errors.Is/As while its text has
// no token.
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.cause }

// scrub returns err with the token removed from its text and from every
// error it wraps. *url.Error stays a *url.Error (with a redacted URL), so
// errors.As and Timeout() keep working.
func scrub(err error, token string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if redact(msg, token) == msg {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		return &url.Error{Op: ue.Op, URL: redact(ue.URL, token), Err: scrub(ue.Err, token)}
	}
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		errs := multi.Unwrap()
		clean := make([]error, len(errs))
		for i, e := range errs {
			clean[i] = scrub(e, token)
		}
		return &redactedError{msg: redact(msg, token), cause: errors.Join(clean...)}
	}
	return &redactedError{msg: redact(msg, token), cause: scrub(errors.Unwrap(err), token)}
}
