package provider

// What each kind of page says of a list's personal data. The data source and
// the ephemeral resource share the list's description, of what it reads;
// what it keeps differs, so each kind adds its own warning
// (TestListPages_warnWhatTheirKindKeeps holds the committed pages to it).

// dataSourceDescription is the data source's description: the list's, then,
// for a list of personal data, that the state keeps it in plain text.
func (def listDefinition[T]) dataSourceDescription() string {
	if def.personalData == "" {
		return def.description
	}
	return def.description + "\n\n~> **Personal data.** " + def.personalData + " are personal data and are stored in plain text in the Terraform state. " +
		"Keep the state in an encrypted backend with restricted access, and wrap outputs that carry " + def.item + " fields in `sensitive()`."
}

// ephemeralDescription is the ephemeral resource's: the list's, then, for
// a list of personal data, where it still goes. Nothing reaches the state or
// a saved plan, but what the configuration hands the result to receives it.
func (def listDefinition[T]) ephemeralDescription() string {
	if def.personalData == "" {
		return def.description
	}
	return def.description + "\n\n~> **Personal data.** " + def.personalData + " are personal data. This ephemeral resource keeps them out of the " +
		"state and out of saved plans, but not out of what the configuration passes them to: a provisioner's command and its environment, " +
		"or another provider's write-only attribute, receive them as they are. Pass them only where personal data may go."
}
