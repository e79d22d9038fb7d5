package bot

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// Callback data travels with inline buttons and comes back when a button is
// pressed. Telegram allows 1–64 bytes, so it carries ids, never text:
//
//	v1:<action>:<id>[:<arg>]
//
// "v1" lets a later version change the layout while old buttons in chats
// are still rejected cleanly (the user is asked to ask again).

// MaxCallbackBytes is Telegram's limit for callback_data.
const MaxCallbackBytes = 64

const callbackVersion = "v1"

// action says what a button does.
type action byte

const (
	actTopic    action = 't' // show a topic card: id = topic
	actOffice   action = 'o' // show an office card: id = office
	actDetails  action = 'b' // "Was brauche ich?" of older answers: id = topic
	actWhere    action = 'w' // "Wo und wann?": id = topic
	actMenu     action = 'm' // the list of categories, as a new message; no id
	actBack     action = 'k' // the list of categories, in place of the topic list; no id
	actCategory action = 'c' // the topics of a category: id = category
	actFeedback action = 'f' // 👍/👎: id = topic or office, arg = "u" or "d"
	actLanguage action = 'l' // choose the language: id = a language of answer.Langs
	actDistrict action = 'd' // a Stadtbezirk was chosen: id = district, arg = topic (optional)
	actAspect   action = 'a' // a part of a topic: id = topic, arg = aspect (answer.Aspect)
	actGerman   action = 'g' // the German text of an answer: id = topic or office, arg = aspect (optional)
)

// callback is the decoded callback data of one button.
type callback struct {
	Action action
	ID     string
	Arg    string
}

// idPattern is the knowledge base's id syntax.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var errCallback = errors.New("invalid callback data")

// encode returns the callback data, or an error when it would not be valid
// (for example longer than 64 bytes); such a button must not be sent.
func (cb callback) encode() (string, error) {
	var s string
	switch cb.Action {
	case actMenu, actBack:
		s = callbackVersion + ":" + string(cb.Action)
	default:
		s = callbackVersion + ":" + string(cb.Action) + ":" + cb.ID
		if cb.Arg != "" {
			s += ":" + cb.Arg
		}
	}
	if _, err := parseCallback(s); err != nil {
		return "", fmt.Errorf("callback %q: %w", s, err)
	}
	return s, nil
}

// parseCallback decodes callback data. It rejects everything it did not
// write itself: other versions, unknown actions, ids that are not ids,
// anything longer than 64 bytes.
func parseCallback(s string) (callback, error) {
	if len(s) == 0 || len(s) > MaxCallbackBytes {
		return callback{}, errCallback
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 4 || parts[0] != callbackVersion || len(parts[1]) != 1 {
		return callback{}, errCallback
	}
	cb := callback{Action: action(parts[1][0])}
	if len(parts) > 2 {
		cb.ID = parts[2]
	}
	if len(parts) > 3 {
		cb.Arg = parts[3]
		if cb.Arg == "" {
			return callback{}, errCallback
		}
	}
	isID := func(s string) bool { return idPattern.MatchString(s) }
	ok := false
	switch cb.Action {
	case actMenu, actBack:
		ok = len(parts) == 2
	case actTopic, actOffice, actDetails, actWhere, actCategory:
		ok = len(parts) == 3 && isID(cb.ID)
	case actFeedback:
		ok = len(parts) == 4 && isID(cb.ID) && (cb.Arg == "u" || cb.Arg == "d")
	case actLanguage:
		ok = len(parts) == 3 && answer.IsLang(cb.ID)
	case actDistrict:
		ok = isID(cb.ID) && (len(parts) == 3 || isID(cb.Arg))
	case actGerman:
		_, known := answer.ParseAspect(cb.Arg)
		ok = isID(cb.ID) && (len(parts) == 3 || known)
	case actAspect:
		_, known := answer.ParseAspect(cb.Arg)
		ok = len(parts) == 4 && isID(cb.ID) && known
	}
	if !ok {
		return callback{}, errCallback
	}
	return cb, nil
}
