package provider

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// The pages of one read log from several goroutines with one masked
// context; unserialised, tflog crashes the process (concurrent map writes).
func TestTflogLoggerIsSafeForConcurrentUseWithMasking(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	ctx = tflog.SetField(ctx, "tf_data_source_type", "chatzuri_leads")
	ctx = maskAPIKey(ctx, "secret-key")

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				tflogLogger{}.Debug(ctx, "chatzuri: request", map[string]any{"page": "1", "echo": "secret-key"})
			}
		})
	}
	wg.Wait()
	if strings.Contains(out.String(), "secret-key") {
		t.Error("the masked key appears in the log")
	}
	if got := strings.Count(out.String(), "chatzuri: request"); got != 8*200 {
		t.Errorf("logged %d lines, want %d", got, 8*200)
	}
}
