// Package apiref holds facts of Chatzuri's API reference that both the
// client, which speaks the API, and the emulator, which stands in for it,
// follow. Neither may import the other (the client's tests run the
// emulator), so the facts live here, once.
package apiref

// ConversationSources are the values of get-conversations' filteredSources
// that Chatzuri documents, in the reference's order.
var ConversationSources = []string{
	"API", "Chatzuri site", "Instagram", "Messenger", "Slack", "Unspecified", "WhatsApp", "Widget or Iframe",
}
