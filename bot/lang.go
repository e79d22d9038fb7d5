package bot

import (
	"container/list"
	"sync"

	"github.com/go-telegram/bot/models"
	"github.com/sozialamt-dortmund/sozialbot/bot/answer"
)

// langStore remembers the language users chose with /sprache, in memory
// only, for at most max users; the least recently used choice is forgotten
// first. It is safe for concurrent use.
type langStore struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used; values are *langEntry
	byID  map[int64]*list.Element
}

type langEntry struct {
	user int64
	lang string
}

func newLangStore(max int) *langStore {
	return &langStore{max: max, order: list.New(), byID: map[int64]*list.Element{}}
}

func (s *langStore) get(user int64) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[user]
	if !ok {
		return "", false
	}
	s.order.MoveToFront(e)
	return e.Value.(*langEntry).lang, true
}

func (s *langStore) set(user int64, lang string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byID[user]; ok {
		e.Value.(*langEntry).lang = lang
		s.order.MoveToFront(e)
		return
	}
	s.byID[user] = s.order.PushFront(&langEntry{user, lang})
	for s.order.Len() > s.max {
		last := s.order.Back()
		s.order.Remove(last)
		delete(s.byID, last.Value.(*langEntry).user)
	}
}

func (s *langStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.order.Len()
}

// langOf is the language to answer a user in: the choice made with
// /sprache, else the Telegram language.
func (c *Conversation) langOf(u *models.User) string {
	if u == nil {
		return "de"
	}
	if l, ok := c.langs.get(u.ID); ok {
		return l
	}
	return answer.PhoneLang(u.LanguageCode)
}
