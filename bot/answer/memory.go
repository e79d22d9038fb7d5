package answer

import (
	"container/list"
	"sync"
	"time"
)

// State is what a conversation remembers between messages: ids and codes
// only, never the text of a message.
type State struct {
	Topic    string // id of the topic last answered
	Office   string // id of the office last shown
	District string // id of the person's Stadtbezirk
	Aspect   Aspect // the aspect last answered
	Lang     string // the language last answered in
	Gender   string // "frau", "mann" or "" (for shelters)
	Tonight  bool   // help is needed now
	// Local is the id of a topic with one office per Stadtbezirk that the
	// last search found close behind the topic answered ("Beratung wegen
	// Pflege": Hilfe zur Pflege, then the Seniorenbüros): a place named
	// next asks for its office there.
	Local string
	// Offered are the ids of the two topics or offices the last message
	// was asked to choose from ("Meinen Sie A oder B?"): "das zweite"
	// picks one. Only for the message right after the question.
	Offered [2]string
	// AtOffice: the last answer was an office alone ("Wo ist das Sozialbüro
	// in Scharnhorst?"), so "kann ich da einfach hingehen?" asks about it.
	AtOffice bool
	// Means: a message of the conversation said the money to live on is
	// short, so a person's age or ability to work that follows asks for
	// the topic of that need that fits them.
	Means bool
	// Guess is the id of the topic the bot was not sure of: the first of
	// the two it offered, or the search's clear best for a message it
	// asked back or declined ("das mit dem billigen Busticket": the
	// Dortmund-Karte). A follow-up that asks a detail or tells one about
	// the person ("wie viel kostet das?", "ich bin aber schon 66") asks
	// about it. Kept until a topic is answered.
	Guess string
}

// Memory keeps the State of each chat, in memory only: it is forgotten
// after the idle time, on Forget (/start), and, when more than max chats
// talk, for the chat that was quiet longest. It is never written anywhere.
// It is safe for concurrent use.
type Memory struct {
	mu    sync.Mutex
	max   int
	idle  time.Duration
	now   func() time.Time
	order *list.List // front: most recently used; values are *memEntry
	byID  map[int64]*list.Element
}

type memEntry struct {
	chat  int64
	state State
	seen  time.Time
}

// DefaultIdle is how long a conversation is remembered without a message.
const DefaultIdle = 30 * time.Minute

// NewMemory keeps at most max chats (10,000 when max ≤ 0) for idle (30
// minutes when 0); now is the clock (time.Now when nil).
func NewMemory(max int, idle time.Duration, now func() time.Time) *Memory {
	if max <= 0 {
		max = 10000
	}
	if idle <= 0 {
		idle = DefaultIdle
	}
	if now == nil {
		now = time.Now
	}
	return &Memory{max: max, idle: idle, now: now, order: list.New(), byID: map[int64]*list.Element{}}
}

// Get returns the chat's state; the zero State when it has none or it has
// been idle too long.
func (m *Memory) Get(chat int64) State {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.byID[chat]
	if !ok {
		return State{}
	}
	en := e.Value.(*memEntry)
	if m.now().Sub(en.seen) > m.idle {
		m.order.Remove(e)
		delete(m.byID, chat)
		return State{}
	}
	return en.state
}

// Put stores the chat's state.
func (m *Memory) Put(chat int64, s State) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if e, ok := m.byID[chat]; ok {
		en := e.Value.(*memEntry)
		en.state, en.seen = s, now
		m.order.MoveToFront(e)
		return
	}
	m.byID[chat] = m.order.PushFront(&memEntry{chat: chat, state: s, seen: now})
	for m.order.Len() > m.max {
		last := m.order.Back()
		m.order.Remove(last)
		delete(m.byID, last.Value.(*memEntry).chat)
	}
	// Drop the idle chats at the back, so that memory shrinks after a crowd.
	for last := m.order.Back(); last != nil && now.Sub(last.Value.(*memEntry).seen) > m.idle; last = m.order.Back() {
		m.order.Remove(last)
		delete(m.byID, last.Value.(*memEntry).chat)
	}
}

// Forget drops the chat's state (/start).
func (m *Memory) Forget(chat int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.byID[chat]; ok {
		m.order.Remove(e)
		delete(m.byID, chat)
	}
}

// Len is how many chats are remembered.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}
