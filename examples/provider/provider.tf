terraform {
  required_providers {
    chatzuri = {
      source  = "chatzuri/chatzuri"
      version = "~> 0.1"
    }
  }
}

# The simplest configuration is an empty block: the key then comes from the
# CHATZURI_API_KEY environment variable and never appears in any file.
provider "chatzuri" {
  api_key = var.chatzuri_api_key

  # Optional, shown with their defaults.
  # base_url    = "https://www.chatzuri.com/api/v1"
  # max_retries = 4
}

variable "chatzuri_api_key" {
  description = "A Chatzuri team API key."
  type        = string
  sensitive   = true
}
