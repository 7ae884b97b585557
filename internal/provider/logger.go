package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logMu serialises every log call the provider makes. With masking set up,
// tflog rewrites the field map held in the context in place, so two calls
// sharing a context (the pages of one read, fetched concurrently) crash the
// process with "concurrent map writes" (terraform-plugin-log issue 246).
var logMu sync.Mutex

func logDebug(ctx context.Context, msg string, fields map[string]any) {
	logMu.Lock()
	defer logMu.Unlock()
	tflog.Debug(ctx, msg, fields)
}

func logWarn(ctx context.Context, msg string, fields map[string]any) {
	logMu.Lock()
	defer logMu.Unlock()
	tflog.Warn(ctx, msg, fields)
}

// tflogLogger bridges the client's events into Terraform's log, so requests,
// retries and pages show up under TF_LOG. The client passes each request's
// own context, which carries the key masking set up by the data source.
type tflogLogger struct{}

func (tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	logDebug(ctx, msg, fields)
}

func (tflogLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	logWarn(ctx, msg, fields)
}
