// Package botapi holds what the bot's delivery and the fake Bot API
// (telegramtest) must agree on about Telegram's Bot API, so that the fake
// tests the rules the bot follows and not a copy of them.
package botapi

import "strings"

// IsSend reports whether method puts or changes a message in a chat: every
// send* method except sendChatAction, copyMessage(s), forwardMessage(s) and
// editMessage*. These are the requests Telegram's flood limits count (about
// 30 a second overall, about 1 a second per chat).
func IsSend(method string) bool {
	switch {
	case method == "sendChatAction":
		return false
	case strings.HasPrefix(method, "send"), strings.HasPrefix(method, "editMessage"),
		strings.HasPrefix(method, "copyMessage"), strings.HasPrefix(method, "forwardMessage"):
		return true
	}
	return false
}
