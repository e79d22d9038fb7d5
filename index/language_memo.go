package index

import "context"

// languageKey is the context key of a question's language, detected by the
// caller before it searches the question.
type languageKey struct{}

type detected struct {
	text, lang string
	confident  bool
}

// WithLanguage returns a context that tells Search what DetectLanguage
// returned for text: the answer step detects a message's language before it
// searches, and a long message costs as much to detect as to analyse.
func WithLanguage(ctx context.Context, text, lang string, confident bool) context.Context {
	return context.WithValue(ctx, languageKey{}, detected{text, lang, confident})
}

// detectLanguage is DetectLanguage(text), or what ctx tells of the same text.
func detectLanguage(ctx context.Context, text string) (lang string, confident bool) {
	if d, ok := ctx.Value(languageKey{}).(detected); ok && d.text == text {
		return d.lang, d.confident
	}
	return DetectLanguage(text)
}
