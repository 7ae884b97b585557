package emulator

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"time"
)

// firstConversationID is past 2^53, like firstID, for the numeric ids.
const firstConversationID uint64 = 9_007_199_254_800_001

var (
	seedQuestions = []string{
		"Hello! Do you deliver to Nairobi?",
		"¿Hay descuento para estudiantes?",
		"Können Sie mir die Rechnung schicken?",
		"我的订单什么时候到？",
		"Is there a \"family\" plan?\nTwo adults, one child.",
		"Bonjour, je voudrais changer mon adresse e-mail.",
		"Ǹjẹ́ ẹ lè pè mí padà lọ́la?",
		"Can I pay with M-Pesa? 📱",
	}
	seedAnswers = []string{
		"Yes, we deliver across Kenya in 2–3 working days.",
		"Sí: un 30 % con el carné de estudiante (IVA incluido).",
		"Natürlich, an welche Adresse soll sie gehen?",
		"您的订单预计明天送达。",
		"We do: up to 4 people share one account.",
		"Bien sûr ! Quelle est la nouvelle adresse ?",
		"Bẹ́ẹ̀ni, a ó pè yín ní aago mẹ́wàá.",
		"Yes, M-Pesa and cards are both accepted.",
	}
	// seedSources weights the documented sources the way traffic might
	// arrive: mostly the widget.
	seedSources = []string{
		"Widget or Iframe", "Widget or Iframe", "Widget or Iframe", "WhatsApp", "WhatsApp",
		"API", "Chatzuri site", "Instagram", "Messenger", "Slack", "Unspecified",
	}
)

// SeedConversations returns n deterministic conversations for agentID, the
// same for the same arguments: ids alternating between numbers past 2^53
// and strings, created_at thirty to ninety minutes apart from 2026-01-01,
// sources from the documented set, two to six messages of non-ASCII text
// (quotes, newlines, emoji) each, and some fields null or left out: a null
// customer or source, null, absent or empty messages, a message whose
// content is null.
func SeedConversations(agentID string, n int) []Conversation {
	h := fnv.New64a()
	h.Write([]byte(agentID))
	h.Write([]byte("/conversations"))
	rng := rand.New(rand.NewPCG(h.Sum64(), 2026))

	conversations := make([]Conversation, n)
	at := time.Date(2026, 1, 1, 7, 30, 0, 0, time.UTC)
	for i := range conversations {
		at = at.Add(30*time.Minute + time.Duration(rng.IntN(3600))*time.Second)
		c := Conversation{
			ID:        fmt.Sprintf("conv_%s_%05d", agentID, i+1),
			CreatedAt: at,
			ChatbotID: ptr(agentID),
			Customer:  ptr(seedNames[rng.IntN(len(seedNames))]),
			Source:    ptr(seedSources[rng.IntN(len(seedSources))]),
			Omit:      i%10 == 9,
		}
		if i%2 == 1 {
			c.ID, c.NumericID = strconv.FormatUint(firstConversationID+uint64(i)*3, 10), true
		}
		turns := 2 + rng.IntN(5)
		c.Messages = make([]Message, turns)
		var k int // the visitor's question and the agent's answer to it
		for t := range c.Messages {
			if t%2 == 0 {
				k = rng.IntN(len(seedQuestions))
				c.Messages[t] = Message{Role: ptr("user"), Content: ptr(seedQuestions[k])}
			} else {
				c.Messages[t] = Message{Role: ptr("assistant"), Content: ptr(seedAnswers[k])}
			}
		}
		switch {
		case i%11 == 4:
			c.Messages = nil // null
		case i%10 == 9 && i%3 == 0:
			c.Messages = nil // left out (Omit)
		case i%17 == 8:
			c.Messages = []Message{}
		case i%13 == 6:
			c.Messages[len(c.Messages)-1].Content = nil
		}
		if i%7 == 2 {
			c.Customer = nil
		}
		if i%9 == 5 {
			c.Source = nil
		}
		conversations[i] = c
	}
	return conversations
}

// DemoConversations is the conversations the standalone emulator serves,
// for the agents of DemoAgents.
func DemoConversations() map[string][]Conversation {
	return map[string][]Conversation{
		"agt_demo":  SeedConversations("agt_demo", 8),
		"agt_sales": SeedConversations("agt_sales", 300),
		"agt_empty": {},
	}
}
