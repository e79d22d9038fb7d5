package botapi

import "testing"

func TestIsSend(t *testing.T) {
	for method, want := range map[string]bool{
		"sendMessage": true, "sendVenue": true, "editMessageText": true, "copyMessages": true,
		"forwardMessage": true, "sendChatAction": false, "getUpdates": false, "answerCallbackQuery": false,
		"getMe": false, "setMyCommands": false,
	} {
		if got := IsSend(method); got != want {
			t.Errorf("IsSend(%q) = %v, want %v", method, got, want)
		}
	}
}
