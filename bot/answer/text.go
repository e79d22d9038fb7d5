package answer

import (
	"fmt"
	"strings"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// Everything a citizen reads, in German and English, in one place. The texts
// are Telegram HTML: markup is allowed, data put into %s must be escaped
// by the caller. Keep them kind, short, and always with a way forward.

// CentralPhone is the city's switchboard, the way forward when all else fails.
const CentralPhone = "0231 50-0"

// MsgKey names one text of the table.
type MsgKey int

const (
	MsgStart MsgKey = iota
	MsgHelp
	MsgGreeting
	MsgPrivacy
	MsgChooseCategory
	MsgChooseTopic
	MsgChooseLanguage
	MsgLanguageSet
	MsgEmpty
	MsgTooLong
	MsgOutOfScope
	MsgUnsure
	MsgOrDidYouMean
	MsgNotText
	MsgUnknownCommand
	MsgError
	MsgStaleButton
	MsgFeedbackThanks
	MsgFeedbackSorry
	MsgLocationTip
	MsgLocationNoGPS
	MsgLocationResult
	MsgLocationFar
	MsgLocationNoCenters
	MsgAskDistrict
	MsgAskDistrictLocal
	MsgNoDistrictOffice
	MsgDistrictOffices
	MsgLocalHint
	MsgMoreOffices
	MsgNoContact
	MsgNoDetails
	MsgTooFast
	MsgLost
	MsgReloaded
	MsgReloadFailed
	MsgThanks
	MsgWhatAbout
	MsgWhichOf
	MsgNoSection
	MsgCrisisHelp
	MsgStaleTranslation
	MsgMissingTranslation
	MsgOtherLanguage
	MsgOtherLanguageEnd
	MsgDistress

	// Labels on cards.
	LblResponsible
	LblAddress
	LblHours
	LblPhone
	LblFax
	LblEmail
	LblWeb
	LblLanguages
	LblOperator
	LblUnknown
	LblSource
	LblReviewed
	LblChecked
	LblCheckedCallFirst
	LblOldSource
	LblMore
	LblAddressUnknown
	LblHoursUnknown
	LblOffices
	LblContact
	LblOpenUntil
	LblOpenAllDay
	LblOpensAt

	// Buttons.
	BtnWhere
	BtnOtherTopics
	BtnAllTopics
	BtnBack
	BtnHelpful
	BtnNotHelpful
	BtnSendLocation
	BtnOpenInBot
	BtnAskInChat
	BtnOverview
	BtnWho
	BtnWhat
	BtnHow
	BtnBring
	BtnCosts
	BtnDeadlines
	BtnLegal
	BtnMap
	BtnShowGerman

	// Bot commands (setMyCommands descriptions).
	CmdStart
	CmdHelp
	CmdTopics
	CmdContact
	CmdLanguage
	CmdPrivacy

	numMsgs
)

var texts = [numMsgs]knowledge.Text{
	MsgStart: {
		DE: "Guten Tag! Ich beantworte Fragen zum <b>Sozialamt Dortmund</b>: zum Beispiel zu Grundsicherung, Hilfe zur Pflege, " +
			"Seniorenbüros, dem Fahrdienst für Menschen mit Behinderung, Hilfe bei Wohnungslosigkeit und Angeboten für Zugewanderte. " +
			"Ich sage Ihnen auch, welche Stelle zuständig ist und wie Sie sie erreichen.\n\n" +
			"Schreiben Sie Ihre Frage in ein paar Worten, zum Beispiel <i>Grundsicherung beantragen</i> oder <i>Seniorenbüro Aplerbeck</i>. " +
			"Oder wählen Sie ein Thema.\n\n" +
			"Ich bin ein Computerprogramm und gebe allgemeine Auskünfte; Ihren Einzelfall kann ich nicht prüfen. " +
			"Bitte schreiben Sie keine persönlichen Daten wie Namen, Geburtsdatum oder Aktenzeichen – ich brauche sie nicht. Mehr: /datenschutz",
		EN: "Hello! I answer questions about the <b>Sozialamt Dortmund</b> (social welfare office): for example about basic income support, " +
			"help with care costs, the Seniorenbüros, the transport service for disabled people, help for homeless people and services for newcomers. " +
			"I also tell you which office is responsible and how to reach it.\n\n" +
			"Write your question in a few words, for example <i>apply for basic income</i> or <i>Seniorenbüro Aplerbeck</i>. " +
			"Or choose a topic.\n\n" +
			"I am a computer program and give general information; I cannot check your personal case. " +
			"Please do not send personal details such as your name, date of birth or file number – I do not need them. More: /privacy",
	},
	MsgHelp: {
		DE: "<b>So funktioniert es</b>\n" +
			"• Schreiben Sie Ihre Frage in ein paar Worten.\n" +
			"• Nennen Sie Ihren Stadtteil oder Ihre Postleitzahl, dann nenne ich das Büro in Ihrer Nähe. Auf dem Handy können Sie auch Ihren Standort senden.\n" +
			"• Unter jeder Antwort finden Sie Knöpfe für mehr Einzelheiten.\n\n" +
			"/themen – alle Themen\n/kontakt – so erreichen Sie das Sozialamt\n/sprache – Sprache wählen\n/datenschutz – was ich speichere\n\n" +
			"Für Ihren Einzelfall rufen Sie bitte die Stadt Dortmund an: " + CentralPhone + ".",
		EN: "<b>How it works</b>\n" +
			"• Write your question in a few words.\n" +
			"• Name your part of town or your postcode, and I will name the office near you. On a phone you can also send your location.\n" +
			"• Below every answer there are buttons for more details.\n\n" +
			"/topics – all topics\n/contact – how to reach the Sozialamt\n/language – choose your language\n/privacy – what I store\n\n" +
			"For your personal case, please call the City of Dortmund: " + CentralPhone + ".",
	},
	MsgGreeting: {
		DE: "Hallo! Schön, dass Sie schreiben. Ich beantworte Fragen zum Sozialamt Dortmund. " +
			"Schreiben Sie einfach, was Sie wissen möchten, zum Beispiel <i>Hilfe zur Pflege</i>, oder wählen Sie ein Thema. Hilfe: /hilfe",
		EN: "Hello! Nice to hear from you. I answer questions about the Sozialamt Dortmund. " +
			"Just write what you would like to know, for example <i>help with care costs</i>, or choose a topic. Help: /help",
	},
	MsgPrivacy: {
		DE: "<b>Datenschutz</b>\n\n" +
			"Dieser Bot speichert keine persönlichen Daten über Sie: keinen Namen, keine Telefonnummer, keinen Standort.\n\n" +
			"Ihre Nachrichten werden nicht zusammen mit Ihrer Telegram-Kennung (Nutzer- oder Chat-ID) gespeichert. " +
			"Ihre Sprachwahl merkt sich der Bot nur im Arbeitsspeicher, bis das Programm neu startet. " +
			"Einen gesendeten Standort nutzt er nur, um den nächsten Stadtbezirk zu finden.\n\n" +
			"Fragen, die der Bot nicht beantworten konnte, heben wir ohne jede Kennung auf, mit unkenntlich gemachten Zahlen, " +
			"höchstens 30 Tage lang. So verbessern wir die Antworten. Welche Themen gefragt und wie sie bewertet werden (👍/👎), zählen wir ebenfalls ohne Kennung.\n\n" +
			"<b>Wichtig:</b> Telegram selbst sieht diesen Chat. Chats mit Bots sind nicht Ende-zu-Ende-verschlüsselt und liegen auf den Servern von Telegram. " +
			"Schreiben Sie deshalb bitte nichts über Ihre Gesundheit, Ihr Einkommen oder Ihren Aufenthaltsstatus. " +
			"Für Ihren Einzelfall rufen Sie bitte an (Stadt Dortmund: " + CentralPhone + ") oder gehen Sie zu einer Beratungsstelle.",
		EN: "<b>Privacy</b>\n\n" +
			"This bot stores no personal data about you: no name, no phone number, no location.\n\n" +
			"Your messages are not stored together with your Telegram identity (user or chat ID). " +
			"The bot remembers your language choice only in memory, until the program restarts. " +
			"A location you send is only used to find the nearest district.\n\n" +
			"Questions the bot could not answer are kept without any ID, with numbers masked, for at most 30 days, " +
			"so that we can improve the answers. Which topics are asked for and how they are rated (👍/👎) is counted without any ID as well.\n\n" +
			"<b>Important:</b> Telegram itself sees this chat. Chats with bots are not end-to-end encrypted and are stored on Telegram's servers. " +
			"So please do not write about your health, your income or your residence status. " +
			"For your personal case, please call (City of Dortmund: " + CentralPhone + ") or visit an advice centre.",
	},
	MsgChooseCategory: {DE: "Wählen Sie einen Bereich:", EN: "Choose an area:"},
	MsgChooseTopic:    {DE: "<b>%s</b>\nWählen Sie ein Thema:", EN: "<b>%s</b>\nChoose a topic:"},
	MsgChooseLanguage: {DE: "Welche Sprache möchten Sie? / Which language would you like?", EN: "Which language would you like? / Welche Sprache möchten Sie?"},
	MsgLanguageSet:    {DE: "Gut, ich antworte Ihnen ab jetzt auf Deutsch. Hilfe: /hilfe", EN: "Fine, I will answer in English from now on. Help: /help"},
	MsgEmpty: {
		DE: "Ich habe in Ihrer Nachricht keine Frage gefunden. Schreiben Sie bitte in ein paar Worten, was Sie wissen möchten, " +
			"zum Beispiel <i>Hilfe zur Pflege</i>. Oder wählen Sie ein Thema.",
		EN: "I could not find a question in your message. Please write in a few words what you would like to know, " +
			"for example <i>help with care costs</i>. Or choose a topic.",
	},
	MsgTooLong: {
		DE: "<i>Ihre Nachricht war sehr lang; ich habe nur den Anfang gelesen.</i>",
		EN: "<i>Your message was very long; I only read the beginning.</i>",
	},
	MsgOutOfScope: {
		DE: "Dazu kann ich leider nichts sagen. Ich gebe Auskunft zu Leistungen und Beratung rund um das Sozialamt Dortmund, " +
			"zum Beispiel Grundsicherung, Hilfe zur Pflege, Seniorenbüros oder Hilfe bei Wohnungslosigkeit.\n\n" +
			"Für andere Fragen erreichen Sie die Stadt Dortmund unter " + CentralPhone + ". Alle meine Themen: /themen",
		EN: "Sorry, I cannot help with that. I give information about benefits and advice around the Sozialamt Dortmund, " +
			"for example basic income support, help with care costs, the Seniorenbüros or help for homeless people.\n\n" +
			"For other questions, call the City of Dortmund: " + CentralPhone + ". All my topics: /topics",
	},
	MsgUnsure: {
		DE: "Ich bin nicht sicher, ob ich Sie richtig verstanden habe. Meinten Sie eines dieser Themen?\n\n" +
			"Sie können auch anders fragen oder die Stadt Dortmund anrufen: " + CentralPhone + ".",
		EN: "I am not sure I understood you correctly. Did you mean one of these topics?\n\n" +
			"You can also ask in other words or call the City of Dortmund: " + CentralPhone + ".",
	},
	MsgOrDidYouMean: {
		DE: "Oder meinten Sie eines dieser Themen?",
		EN: "Or did you mean one of these topics?",
	},
	MsgNotText: {
		DE: "Ich kann nur Text lesen, keine Bilder, Dateien oder Sprachnachrichten. Bitte schreiben Sie Ihre Frage in ein paar Worten.",
		EN: "I can only read text, not pictures, files or voice messages. Please write your question in a few words.",
	},
	MsgUnknownCommand: {
		DE: "Diesen Befehl kenne ich nicht. Schreiben Sie Ihre Frage einfach als Text. Hilfe: /hilfe",
		EN: "I do not know this command. Just write your question as text. Help: /help",
	},
	MsgError: {
		DE: "Entschuldigung, das hat gerade nicht geklappt. Bitte versuchen Sie es gleich noch einmal. " +
			"Die Stadt Dortmund erreichen Sie auch unter " + CentralPhone + ".",
		EN: "Sorry, that did not work just now. Please try again in a moment. " +
			"You can also ask in other words or call the City of Dortmund: " + CentralPhone + ".",
	},
	MsgStaleButton: {
		DE: "Dieser Knopf ist nicht mehr gültig. Bitte fragen Sie noch einmal.",
		EN: "This button is no longer valid. Please ask again.",
	},
	MsgFeedbackThanks: {DE: "Danke für Ihre Rückmeldung!", EN: "Thank you for your feedback!"},
	MsgFeedbackSorry: {
		DE: "Danke! Schade, dass die Antwort nicht geholfen hat. Sie können anders fragen, ein anderes Thema wählen " +
			"oder die Stadt Dortmund anrufen: " + CentralPhone + ".",
		EN: "Thank you! Sorry that the answer did not help. You can ask in other words, choose another topic " +
			"or call the City of Dortmund: " + CentralPhone + ".",
	},
	MsgLocationTip: {
		DE: "Tipp: Mit dem Knopf <b>📍 Standort senden</b> unten finde ich das Seniorenbüro und das Büro „lokal willkommen“ in Ihrer Nähe. " +
			"Sie können auch einfach Ihren Stadtteil oder Ihre Postleitzahl schreiben.",
		EN: "Tip: with the <b>📍 Send location</b> button below I find the Seniorenbüro and the \"lokal willkommen\" office near you. " +
			"You can also just write your part of town or your postcode.",
	},
	MsgLocationNoGPS: {
		DE: "Ihr Gerät hat keinen Standort geschickt (das passiert zum Beispiel im Browser). " +
			"Schreiben Sie mir bitte Ihren Stadtteil oder Ihre Postleitzahl, zum Beispiel <i>Hörde</i> oder <i>44263</i>.",
		EN: "Your device did not send a location (this happens in the web browser, for example). " +
			"Please write your part of town or your postcode, for example <i>Hörde</i> or <i>44263</i>.",
	},
	MsgLocationResult: {
		DE: "Ihr Standort liegt ungefähr im Stadtbezirk <b>%s</b> (geschätzt nach der Entfernung zur Bezirksmitte; an der Grenze kann es auch der Nachbarbezirk sein).",
		EN: "Your location is roughly in the district of <b>%s</b> (estimated from the distance to the district's centre; near a border it may be the neighbouring district).",
	},
	MsgLocationFar: {
		DE: "Ihr Standort liegt anscheinend nicht in Dortmund. Ich kenne nur die Büros in Dortmund. " +
			"Schreiben Sie mir Ihren Dortmunder Stadtteil oder Ihre Postleitzahl, oder rufen Sie die Stadt Dortmund an: " + CentralPhone + ".",
		EN: "Your location does not seem to be in Dortmund. I only know the offices in Dortmund. " +
			"Write your part of Dortmund or your postcode, or call the City of Dortmund: " + CentralPhone + ".",
	},
	MsgLocationNoCenters: {
		DE: "Mit einem Standort kann ich gerade nichts anfangen. Schreiben Sie mir bitte Ihren Stadtteil oder Ihre Postleitzahl.",
		EN: "I cannot use a location just now. Please write your part of town or your postcode.",
	},
	MsgAskDistrict: {
		DE: "Diese Angabe passt zu mehreren Stadtbezirken. Welcher Stadtbezirk ist gemeint?",
		EN: "This fits several districts. Which district do you mean?",
	},
	MsgAskDistrictLocal: {
		DE: "<b>%s</b>: Jeder Stadtbezirk hat ein eigenes Büro. Welcher Stadtbezirk ist gemeint? " +
			"Sie können auch Ihren Stadtteil oder Ihre Postleitzahl schreiben.",
		EN: "<b>%s</b>: each district has its own office. Which district do you mean? " +
			"You can also write your part of town or your postcode.",
	},
	MsgNoDistrictOffice: {
		DE: "Für den Stadtbezirk %s kenne ich leider kein Büro. Die Stadt Dortmund verbindet Sie weiter: " + CentralPhone + ".",
		EN: "Sorry, I do not know an office for the district of %s. The City of Dortmund will put you through: " + CentralPhone + ".",
	},
	MsgDistrictOffices: {
		DE: "Diese Büros sind für den Stadtbezirk <b>%s</b> zuständig:",
		EN: "These offices serve the district of <b>%s</b>:",
	},
	MsgLocalHint: {
		DE: "Jeder Stadtbezirk hat ein eigenes Büro. Nennen Sie Ihren Stadtteil oder Ihre Postleitzahl, oder tippen Sie auf „Wo und wann?“.",
		EN: "Each district has its own office. Name your part of town or your postcode, or tap \"Where and when?\".",
	},
	MsgMoreOffices: {
		DE: "Weitere Stellen: tippen Sie auf „Wo und wann?“.",
		EN: "More offices: tap \"Where and when?\".",
	},
	MsgNoContact: {
		DE: "Das Sozialamt Dortmund erreichen Sie über die Zentrale der Stadt Dortmund: " + CentralPhone + ".",
		EN: "You can reach the Sozialamt Dortmund through the City of Dortmund's switchboard: " + CentralPhone + ".",
	},
	MsgNoDetails: {
		DE: "Mehr Einzelheiten habe ich dazu nicht. Die zuständige Stelle hilft Ihnen weiter; sonst die Stadt Dortmund: " + CentralPhone + ".",
		EN: "I have no more details on this. The responsible office will help you; otherwise the City of Dortmund: " + CentralPhone + ".",
	},
	MsgTooFast: {
		DE: "Sie schreiben gerade sehr schnell. Bitte warten Sie eine Minute; dann antworte ich wieder.",
		EN: "You are writing very fast. Please wait a minute; then I will answer again.",
	},
	MsgLost: {
		DE: "Entschuldigung: Ihre letzte Nachricht kam an, als der Dienst neu gestartet wurde, und ist nicht beantwortet worden. Bitte schicken Sie sie noch einmal.",
		EN: "Sorry: your last message arrived while the service was restarting and was not answered. Please send it again.",
	},
	MsgReloaded:     {DE: "Wissensbasis neu geladen.", EN: "Knowledge base reloaded."},
	MsgReloadFailed: {DE: "Neu laden fehlgeschlagen; die bisherige Wissensbasis bleibt aktiv:", EN: "Reload failed; the previous knowledge base stays active:"},

	MsgThanks: {
		DE: "Gern geschehen! Wenn Sie noch etwas wissen möchten, schreiben Sie einfach. Für Ihren Einzelfall: " + CentralPhone + ".",
		EN: "You are welcome! If you would like to know more, just write. For your personal case: " + CentralPhone + ".",
	},
	MsgWhatAbout: {
		DE: "Worum geht es? Schreiben Sie das Thema in ein paar Worten, zum Beispiel <i>Grundsicherung</i> oder <i>Pflegeheim bezahlen</i>, oder wählen Sie ein Thema.\n\n" +
			"Sie können auch anders fragen oder die Stadt Dortmund anrufen: " + CentralPhone + ".",
		EN: "What is it about? Write the topic in a few words, for example <i>basic income</i> or <i>paying for a care home</i>, or choose a topic.\n\n" +
			"You can also ask in other words or call the City of Dortmund: " + CentralPhone + ".",
	},
	MsgWhichOf: {
		DE: "Meinen Sie <b>%s</b> oder <b>%s</b>?",
		EN: "Do you mean <b>%s</b> or <b>%s</b>?",
	},
	MsgNoSection: {
		DE: "Zu „%s“ habe ich hier keine gesicherte Angabe. Bitte fragen Sie bei der Stelle unten nach oder rufen Sie die Stadt Dortmund an: " + CentralPhone + ".",
		EN: "I have no confirmed information on \"%s\" here. Please ask the office below or call the City of Dortmund: " + CentralPhone + ".",
	},

	MsgStaleTranslation: {
		DE: "<i>Der deutsche Text ist neuer als diese Übersetzung; im Zweifel gilt der deutsche Text.</i>",
		EN: "<i>The German text is newer than this translation; if in doubt, the German text applies.</i>",
	},
	MsgMissingTranslation: {
		DE: "<i>Diesen Text gibt es noch nicht in Ihrer Sprache; hier ist der deutsche Text.</i>",
		EN: "<i>This text is not yet available in your language; here is the German text.</i>",
	},
	// Shown in German and English together, whatever the language: the
	// person writes in a language the bot does not speak (untranslated).
	MsgOtherLanguage: {
		DE: "Ihre Sprache spreche ich leider nicht. Hier bekommen Sie Hilfe in anderen Sprachen:",
		EN: "Sorry, I do not speak your language. Here you can get help in other languages:",
	},
	MsgOtherLanguageEnd: {
		DE: "Sie können mir auch auf Deutsch, Englisch oder in einer Sprache aus /sprache schreiben. Stadt Dortmund: " + CentralPhone + ".",
		EN: "You can also write to me in German, English or a language from /language. City of Dortmund: " + CentralPhone + ".",
	},
	// The line after any reply to a message that signals distress; %s are
	// the TelefonSeelsorge's numbers from the knowledge base.
	MsgDistress: {
		DE: "Wenn es Ihnen gerade sehr schlecht geht: TelefonSeelsorge %s, rund um die Uhr, anonym. In Gefahr: 112.",
		EN: "If you are having a very hard time right now: TelefonSeelsorge %s, day and night, anonymous. In danger: 112.",
	},

	LblResponsible: {DE: "Zuständig", EN: "Responsible"},
	MsgCrisisHelp: {
		DE: "<b>Hilfe vor Ort:</b> %s",
		EN: "<b>Help nearby:</b> %s",
	},
	LblContact:    {DE: "Kontakt", EN: "Contact"},
	LblOpenUntil:  {DE: "jetzt geöffnet, bis %s", EN: "open now, until %s"},
	LblOpenAllDay: {DE: "rund um die Uhr geöffnet", EN: "open 24 hours"},
	LblOpensAt:    {DE: "jetzt geschlossen, öffnet %s", EN: "closed now, opens %s"},
	LblAddress:    {DE: "Adresse", EN: "Address"},
	LblHours:      {DE: "Sprechzeiten", EN: "Opening hours"},
	LblPhone:      {DE: "Telefon", EN: "Phone"},
	LblFax:        {DE: "Fax", EN: "Fax"},
	LblEmail:      {DE: "E-Mail", EN: "E-mail"},
	LblWeb:        {DE: "Internet", EN: "Web"},
	LblLanguages:  {DE: "Sprachen", EN: "Languages"},
	LblOperator:   {DE: "Träger", EN: "Run by"},
	LblUnknown:    {DE: "Was wir nicht sicher wissen", EN: "What we could not confirm"},
	LblSource:     {DE: "Quelle", EN: "Source"},
	// The editorial date: when the text was last written, not a check with the office.
	LblReviewed:         {DE: "Text vom", EN: "Text of"},
	LblChecked:          {DE: "Beim Amt geprüft am %s", EN: "Checked with the office on %s"},
	LblCheckedCallFirst: {DE: "Beim Amt geprüft am %s — bitte vorher anrufen", EN: "Checked with the office on %s — please call before you go"},
	LblOldSource:        {DE: "Angabe von %d — bitte vorher anrufen", EN: "Information from %d — please call before you go"},
	LblMore:             {DE: "Mehr dazu", EN: "More"},
	LblAddressUnknown:   {DE: "nicht bekannt", EN: "not known"},
	LblHoursUnknown:     {DE: "nicht bekannt; bitte vorher anrufen", EN: "not known; please call first"},
	LblOffices:          {DE: "Wo und wann", EN: "Where and when"},

	BtnWhere:        {DE: "Wo und wann?", EN: "Where and when?"},
	BtnOtherTopics:  {DE: "Andere Themen", EN: "Other topics"},
	BtnAllTopics:    {DE: "Alle Themen", EN: "All topics"},
	BtnBack:         {DE: "« Zurück", EN: "« Back"},
	BtnHelpful:      {DE: "👍 Hilfreich", EN: "👍 Helpful"},
	BtnNotHelpful:   {DE: "👎 Nicht hilfreich", EN: "👎 Not helpful"},
	BtnSendLocation: {DE: "📍 Standort senden", EN: "📍 Send location"},
	BtnOpenInBot:    {DE: "Im Bot öffnen", EN: "Open in the bot"},
	BtnAskInChat:    {DE: "Frage im Chat stellen", EN: "Ask in the chat"},
	BtnOverview:     {DE: "Überblick", EN: "Overview"},
	BtnWho:          {DE: "Wer bekommt es?", EN: "Who can get it?"},
	BtnWhat:         {DE: "Was gibt es?", EN: "What is there?"},
	BtnHow:          {DE: "Antrag", EN: "How to apply"},
	BtnBring:        {DE: "Unterlagen", EN: "Documents"},
	BtnCosts:        {DE: "Kosten", EN: "Costs"},
	BtnDeadlines:    {DE: "Fristen", EN: "Deadlines"},
	BtnLegal:        {DE: "Gesetz", EN: "Legal basis"},
	BtnMap:          {DE: "🗺 Karte", EN: "🗺 Map"},
	BtnShowGerman:   {DE: "Deutschen Text zeigen", EN: "Show the German text"},

	CmdStart:    {DE: "Begrüßung und Themen", EN: "Welcome and topics"},
	CmdHelp:     {DE: "So funktioniert der Bot", EN: "How the bot works"},
	CmdTopics:   {DE: "Alle Themen", EN: "All topics"},
	CmdContact:  {DE: "So erreichen Sie das Sozialamt", EN: "How to reach the Sozialamt"},
	CmdLanguage: {DE: "Sprache wählen", EN: "Choose your language"},
	CmdPrivacy:  {DE: "Datenschutz: was der Bot speichert", EN: "Privacy: what the bot stores"},
}

// untranslated are the texts always shown in German and English together:
// they speak to people whose language the bot does not have.
var untranslated = map[MsgKey]bool{MsgOtherLanguage: true, MsgOtherLanguageEnd: true}

// T returns the text of key in lang, with args (already escaped HTML) put
// in: German and English from texts, the other languages from their
// message file, English where that file lacks the key.
func T(lang string, key MsgKey, args ...any) string {
	s := msgText(lang, key)
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	if RTL(lang) && key < BtnWhere && hasRTL(s) {
		// Not on buttons: their text comes back as a message and is
		// compared; not on the English shown for a missing translation.
		s = isolateLTR(s, true)
	}
	return s
}

func msgText(lang string, key MsgKey) string {
	if key < 0 || key >= numMsgs {
		return ""
	}
	if lang != "de" && lang != "en" {
		if tr := translations[lang]; tr != nil && tr[key] != "" {
			return tr[key]
		}
		lang = "en"
	}
	return texts[key].In(lang)
}

// Keys are all keys of the table, in order.
func Keys() []MsgKey {
	out := make([]MsgKey, numMsgs)
	for i := range out {
		out[i] = MsgKey(i)
	}
	return out
}

// Labels returns the text of key in every language, e.g. to recognise a
// reply-keyboard button's text sent back as a message.
func Labels(key MsgKey) []string {
	var out []string
	for _, l := range Langs {
		out = append(out, msgText(l, key))
	}
	return out
}

// weekdays are the short names of knowledge.Weekdays (Monday first) in the
// languages other than German.
var weekdays = map[string][]string{
	"en": strings.Fields("Mon Tue Wed Thu Fri Sat Sun"),
	"tr": strings.Fields("Pzt Sal Çar Per Cum Cmt Paz"),
	"ar": strings.Fields("الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"),
	"uk": strings.Fields("Пн Вт Ср Чт Пт Сб Нд"),
	"ru": strings.Fields("Пн Вт Ср Чт Пт Сб Вс"),
	"pl": strings.Fields("Pn Wt Śr Czw Pt Sob Nd"),
	"ro": strings.Fields("Lun Mar Mie Joi Vin Sâm Dum"),
	"bg": strings.Fields("Пн Вт Ср Чт Пт Сб Нд"),
	"fa": strings.Fields("دوشنبه سه\u200cشنبه چهارشنبه پنجشنبه جمعه شنبه یکشنبه"),
}

// weekdayName is day i (0 = Monday) in lang.
func weekdayName(i int, lang string) string {
	if names, ok := weekdays[lang]; ok {
		return names[i]
	}
	return knowledge.Weekdays[i]
}

// monthsEN name the months for English dates ("24 Nov 2026"), which cannot be
// misread the way 05.11.2026 can.
var monthsEN = strings.Fields("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")

// reviewedDate renders a review date the way readers of lang expect.
func reviewedDate(d knowledge.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day(), monthsEN[d.Month()-1], d.Year())
	}
	return d.German()
}

// keyNames are the constants' names, as the message files write them.
var keyNames = [numMsgs]string{
	MsgStart:              "MsgStart",
	MsgHelp:               "MsgHelp",
	MsgGreeting:           "MsgGreeting",
	MsgPrivacy:            "MsgPrivacy",
	MsgChooseCategory:     "MsgChooseCategory",
	MsgChooseTopic:        "MsgChooseTopic",
	MsgChooseLanguage:     "MsgChooseLanguage",
	MsgLanguageSet:        "MsgLanguageSet",
	MsgEmpty:              "MsgEmpty",
	MsgTooLong:            "MsgTooLong",
	MsgOutOfScope:         "MsgOutOfScope",
	MsgUnsure:             "MsgUnsure",
	MsgOrDidYouMean:       "MsgOrDidYouMean",
	MsgNotText:            "MsgNotText",
	MsgUnknownCommand:     "MsgUnknownCommand",
	MsgError:              "MsgError",
	MsgStaleButton:        "MsgStaleButton",
	MsgFeedbackThanks:     "MsgFeedbackThanks",
	MsgFeedbackSorry:      "MsgFeedbackSorry",
	MsgLocationTip:        "MsgLocationTip",
	MsgLocationNoGPS:      "MsgLocationNoGPS",
	MsgLocationResult:     "MsgLocationResult",
	MsgLocationFar:        "MsgLocationFar",
	MsgLocationNoCenters:  "MsgLocationNoCenters",
	MsgAskDistrict:        "MsgAskDistrict",
	MsgAskDistrictLocal:   "MsgAskDistrictLocal",
	MsgNoDistrictOffice:   "MsgNoDistrictOffice",
	MsgDistrictOffices:    "MsgDistrictOffices",
	MsgLocalHint:          "MsgLocalHint",
	MsgMoreOffices:        "MsgMoreOffices",
	MsgNoContact:          "MsgNoContact",
	MsgNoDetails:          "MsgNoDetails",
	MsgTooFast:            "MsgTooFast",
	MsgLost:               "MsgLost",
	MsgReloaded:           "MsgReloaded",
	MsgReloadFailed:       "MsgReloadFailed",
	MsgThanks:             "MsgThanks",
	MsgWhatAbout:          "MsgWhatAbout",
	MsgWhichOf:            "MsgWhichOf",
	MsgNoSection:          "MsgNoSection",
	MsgCrisisHelp:         "MsgCrisisHelp",
	MsgStaleTranslation:   "MsgStaleTranslation",
	MsgMissingTranslation: "MsgMissingTranslation",
	MsgOtherLanguage:      "MsgOtherLanguage",
	MsgOtherLanguageEnd:   "MsgOtherLanguageEnd",
	MsgDistress:           "MsgDistress",
	LblResponsible:        "LblResponsible",
	LblAddress:            "LblAddress",
	LblHours:              "LblHours",
	LblPhone:              "LblPhone",
	LblFax:                "LblFax",
	LblEmail:              "LblEmail",
	LblWeb:                "LblWeb",
	LblLanguages:          "LblLanguages",
	LblOperator:           "LblOperator",
	LblUnknown:            "LblUnknown",
	LblSource:             "LblSource",
	LblReviewed:           "LblReviewed",
	LblChecked:            "LblChecked",
	LblCheckedCallFirst:   "LblCheckedCallFirst",
	LblOldSource:          "LblOldSource",
	LblMore:               "LblMore",
	LblAddressUnknown:     "LblAddressUnknown",
	LblHoursUnknown:       "LblHoursUnknown",
	LblOffices:            "LblOffices",
	LblContact:            "LblContact",
	LblOpenUntil:          "LblOpenUntil",
	LblOpenAllDay:         "LblOpenAllDay",
	LblOpensAt:            "LblOpensAt",
	BtnWhere:              "BtnWhere",
	BtnOtherTopics:        "BtnOtherTopics",
	BtnAllTopics:          "BtnAllTopics",
	BtnBack:               "BtnBack",
	BtnHelpful:            "BtnHelpful",
	BtnNotHelpful:         "BtnNotHelpful",
	BtnSendLocation:       "BtnSendLocation",
	BtnOpenInBot:          "BtnOpenInBot",
	BtnAskInChat:          "BtnAskInChat",
	BtnOverview:           "BtnOverview",
	BtnWho:                "BtnWho",
	BtnWhat:               "BtnWhat",
	BtnHow:                "BtnHow",
	BtnBring:              "BtnBring",
	BtnCosts:              "BtnCosts",
	BtnDeadlines:          "BtnDeadlines",
	BtnLegal:              "BtnLegal",
	BtnMap:                "BtnMap",
	BtnShowGerman:         "BtnShowGerman",
	CmdStart:              "CmdStart",
	CmdHelp:               "CmdHelp",
	CmdTopics:             "CmdTopics",
	CmdContact:            "CmdContact",
	CmdLanguage:           "CmdLanguage",
	CmdPrivacy:            "CmdPrivacy",
}
