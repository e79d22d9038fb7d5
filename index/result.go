package index

// Result is the answer to one question.
type Result struct {
	Question string `json:"question"`
	// Answered is true when the bot should answer with Hits[0]; false when it
	// should say it has no answer (Hits may then hold suggestions).
	Answered bool `json:"answered"`
	// Reason says why a question was declined; empty when answered.
	Reason Reason `json:"reason,omitempty"`
	// Hits are the best matches, best first, at most MaxHits.
	Hits []Hit `json:"results"`
	// Lang is the language the question seems to be written in: one of
	// Languages ("de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "bg", "fa"),
	// "de" when the question gives no evidence (see DetectLanguage).
	Lang string `json:"lang"`
	// MatchLang is the language whose words matched the best hit ("de",
	// "en"), empty when nothing matched: evidence of the question's language
	// when it has no function words ("phone number senior office").
	MatchLang string `json:"-"`
	// OnlyPlace is true when the question names a place and nothing else
	// that carries meaning ("in Hörde?", "44263").
	OnlyPlace bool `json:"-"`
	// Elsewhere are the question's words, as written, that name another
	// office's service ("Hundesteuer", "köpek vergisi"): they are no
	// evidence for a topic, not even where a topic's title shares one
	// ("kimlik kartı" and "engelli kimlik kartı").
	Elsewhere []string `json:"-"`
	// PlaceWords is how many of the question's words name a place, in any
	// script ("برکل", "Шюрене", "44309").
	PlaceWords int `json:"-"`
	// Districts are the ids of the Stadtbezirke the question names. More than
	// one means the place was ambiguous (a postcode shared by districts).
	Districts []string `json:"districts,omitempty"`
	// Synonyms are the synonym groups (by their first word as written in the
	// YAML) that the question used, so staff can see which ones never match.
	Synonyms []string `json:"synonyms,omitempty"`
}

// Hit is one topic or office that matches a question.
type Hit struct {
	ID    string  `json:"id"`
	Kind  Kind    `json:"kind"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

// Kind tells topics from offices.
type Kind string

const (
	KindTopic  Kind = "topic"
	KindOffice Kind = "office"
)

// Reason is why a question was not answered.
type Reason string

const (
	ReasonEmpty      Reason = "empty"        // nothing but blanks, symbols or emoji
	ReasonGreeting   Reason = "greeting"     // hello, thanks, bye
	ReasonOutOfScope Reason = "out-of-scope" // nothing in the knowledge base fits
	ReasonUnsure     Reason = "unsure"       // something fits, but not well enough to answer
)

// MaxHits is the most hits a Result holds.
const MaxHits = 5
