package emulator

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"time"
)

// firstID is past 2^53, where a float64 can no longer hold every integer: a
// client that decodes ids as plain JSON numbers gets them wrong.
const firstID uint64 = 9_007_199_254_740_993

var seedNames = []string{
	"Amina Njoroge", "Zoë Müller", "José Álvarez", "Ngozi Adébáyọ̀", "王芳",
	"Søren Østergaard", "Priya Raghunathan", "Łukasz Wróbel", "Owen O'Brien",
	"Fatima Al-Sayed", "Kwame Mensah", "Chloé Lefèvre", "Mthunzi Dlamini",
}

// SeedLeads returns n deterministic leads for agentID, the same for the same
// arguments: numeric ids past 2^53, non-ASCII names, created_at one to two
// hours apart from 2026-01-01, and some phones, emails and names null or
// left out.
func SeedLeads(agentID string, n int) []Lead {
	h := fnv.New64a()
	h.Write([]byte(agentID))
	rng := rand.New(rand.NewPCG(h.Sum64(), 2026))
	owner := ownerOf(agentID)

	leads := make([]Lead, n)
	at := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range leads {
		at = at.Add(time.Hour + time.Duration(rng.IntN(3600))*time.Second)
		name := seedNames[rng.IntN(len(seedNames))]
		l := Lead{
			ID:                 strconv.FormatUint(firstID+uint64(i)*7, 10),
			NumericID:          true,
			CreatedAt:          at,
			ChatbotOwnerUserID: ptr(owner),
			ChatbotID:          ptr(agentID),
			Phone:              ptr(fmt.Sprintf("+2547%08d", rng.IntN(100_000_000))),
			Email:              ptr(fmt.Sprintf("lead%d@example.com", i+1)),
			Name:               ptr(name),
			Omit:               i%10 == 9,
		}
		if i%7 == 3 {
			l.Phone = nil
		}
		if i%10 == 9 {
			l.Email = nil
		}
		if i%13 == 5 {
			l.Name = nil
		}
		leads[i] = l
	}
	return leads
}

// DemoLeads is the leads of the catalogue the standalone emulator serves, by agent id.
func DemoLeads() map[string][]Lead {
	return map[string][]Lead{
		"agt_demo":  SeedLeads("agt_demo", 12),
		"agt_sales": SeedLeads("agt_sales", 1250),
		"agt_empty": {},
	}
}

// ownerOf is the user who owns agentID, as its leads and get-chatbots name it.
func ownerOf(agentID string) string {
	h := fnv.New64a()
	h.Write([]byte(agentID))
	return fmt.Sprintf("usr_%08x", uint32(h.Sum64()))
}

func ptr(s string) *string { return &s }
