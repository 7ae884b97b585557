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
	// seedDialogues are short scripted exchanges, each a visitor's question,
	// the agent's answer and two follow-ups on the same subject, in several
	// languages and with quotes, newlines and emoji. A conversation is the
	// first two to six turns of one of them.
	seedDialogues = [][]string{
		{
			"Hello! Do you deliver to Nairobi?",
			"Yes, we deliver across Kenya in 2–3 working days.",
			"How much is delivery to Westlands?",
			"KSh 350, and free on orders over KSh 5,000.",
			"Great, I'll order tonight 🙌",
			"Wonderful! Your order will leave our warehouse tomorrow morning.",
		},
		{
			"¿Hay descuento para estudiantes?",
			"Sí: un 30 % con el carné de estudiante (IVA incluido).",
			"¿Y vale el carné \"ISIC\"?",
			"Sí, el ISIC también vale.",
			"¿Dónde lo subo?",
			"En «Mi cuenta → Descuentos», al final de la página.",
		},
		{
			"Können Sie mir die Rechnung schicken?",
			"Natürlich, an welche Adresse soll sie gehen?",
			"An buchhaltung@example.com, bitte mit unserer USt-IdNr.",
			"Erledigt: Die Rechnung ist unterwegs.\nBitte prüfen Sie auch den Spam-Ordner.",
			"Angekommen, danke!",
			"Gern geschehen. Einen schönen Tag noch!",
		},
		{
			"我的订单什么时候到？",
			"您的订单预计明天送达。",
			"可以改成周六送吗？",
			"可以，已为您改到周六上午。",
			"谢谢！👍",
			"不客气，祝您周末愉快！",
		},
		{
			"Is there a \"family\" plan?\nTwo adults, one child.",
			"We do: up to 4 people share one account.",
			"What does it cost per month?",
			"$19.99 a month, or $199 a year (two months free).",
			"Can the child's profile have parental controls?",
			"Yes: open Settings → Profiles → \"Kids\" and choose an age limit.",
		},
		{
			"Bonjour, je voudrais changer mon adresse e-mail.",
			"Bien sûr ! Quelle est la nouvelle adresse ?",
			"c’est élodie.martin@example.fr",
			"C’est fait. Un lien de confirmation vous a été envoyé.",
			"Je ne le trouve pas…",
			"Il peut mettre quelques minutes à arriver ; pensez aussi aux « indésirables ».",
		},
		{
			"Ǹjẹ́ ẹ lè pè mí padà lọ́la?",
			"Bẹ́ẹ̀ni, a ó pè yín ní aago mẹ́wàá.",
			"Ṣé ẹ ó pè mí lórí nọ́ńbà yìí?",
			"Bẹ́ẹ̀ni, lórí nọ́ńbà tí ẹ fi kàn sí wa.",
			"Ẹ ṣé gan-an!",
			"Kò tọ́pẹ́. Ẹ ku ọjọ́ mìíràn!",
		},
		{
			"Can I pay with M-Pesa? 📱",
			"Yes, M-Pesa and cards are both accepted.",
			"What's the paybill number?",
			"Paybill 123456, account: your order number (e.g. \"ORD-2041\").",
			"Paid! Ref QK7H2X9LMP",
			"Payment received ✅ Thank you!\nYour receipt is on its way by SMS.",
		},
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
// sources from the documented set, two to six messages each (the start of
// one of the scripted exchanges, with non-ASCII text, quotes, newlines and
// emoji), and some fields null or left out: a null customer or source, null,
// absent or empty messages, a message whose content is null.
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
		// One draw per visitor turn, as when each turn was drawn on its own:
		// the first picks the dialogue, the others are not used but keep the
		// draws after them, and so every later conversation's time, customer
		// and source, what they were.
		dialogue := seedDialogues[rng.IntN(len(seedDialogues))]
		for t := 2; t < turns; t += 2 {
			_ = rng.IntN(len(seedDialogues))
		}
		c.Messages = make([]Message, turns)
		for t := range c.Messages {
			role := "user"
			if t%2 == 1 {
				role = "assistant"
			}
			c.Messages[t] = Message{Role: ptr(role), Content: ptr(dialogue[t])}
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
// for the agents of DemoLeads.
func DemoConversations() map[string][]Conversation {
	return map[string][]Conversation{
		"agt_demo":  SeedConversations("agt_demo", 8),
		"agt_sales": SeedConversations("agt_sales", 300),
		"agt_empty": {},
	}
}
