package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The function, called as Terraform calls it, gives every form's day, and
// null for null and for an undated value.
func TestUTCDayFunction_everyForm(t *testing.T) {
	t.Parallel()
	ps, err := newProviderServer(testProvider())()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range utcDayForms {
		arg, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, tc.createdAt))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := ps.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: "utc_day", Arguments: []*tfprotov6.DynamicValue{&arg}})
		if err != nil || resp.Error != nil {
			t.Fatalf("utc_day(%s): %v %v", show(tc.createdAt), err, resp.Error)
		}
		v, err := resp.Result.Unmarshal(tftypes.String)
		if err != nil {
			t.Fatal(err)
		}
		var got *string
		if err := v.As(&got); err != nil {
			t.Fatal(err)
		}
		if want := tc.want; (got == nil) != (want == "") || (got != nil && *got != want) {
			t.Errorf("utc_day(%s) = %s, want %q (\"\" is null)", show(tc.createdAt), show(got), want)
		}
	}
}

// Through Terraform, the counts and the function put a lead of every form on
// the same day, and both on the day the rule says; undated is what the
// function gives null for.
func TestAccUTCDay_countsAndFunctionAgreeOnEveryForm(t *testing.T) {
	testAccPreCheck(t)
	var items []byte
	wantDays := map[string]knownvalue.Check{}
	wantByDay := map[string]int64{}
	var wantUndated int64
	for i, tc := range utcDayForms {
		id := fmt.Sprintf("lead_%02d", i)
		lead, _ := json.Marshal(map[string]*string{"id": &id, "created_at": tc.createdAt})
		if i > 0 {
			items = append(items, ',')
		}
		items = append(items, lead...)
		if tc.want == "" {
			wantDays[id] = knownvalue.Null()
			wantUndated++
			continue
		}
		wantDays[id] = knownvalue.StringExact(tc.want)
		wantByDay[tc.want]++
	}
	srv := httptest.NewServer(pagesHandler("data", string(items)))
	t.Cleanup(srv.Close)
	byDay := map[string]knownvalue.Check{}
	for day, n := range wantByDay {
		byDay[day] = knownvalue.Int64Exact(n)
	}

	config := fmt.Sprintf(`
provider "chatzuri" {
  base_url    = %q
  api_key     = "k"
  max_retries = 0
}

data "chatzuri_leads" "test" {
  agent_id = "agt"
}

data "chatzuri_lead_counts" "test" {
  agent_id = "agt"
}

locals {
  days = { for l in data.chatzuri_leads.test.leads : l.id => provider::chatzuri::utc_day(l.created_at) }
}

output "days" {
  value = local.days
}

output "function_by_day" {
  value = { for day, ids in { for id, day in local.days : day => id... if day != null } : day => length(ids) }
}

output "function_undated" {
  value = length([for id, day in local.days : id if day == null])
}

output "counts_by_day" {
  value = data.chatzuri_lead_counts.test.by_day
}

output "counts_undated" {
  value = data.chatzuri_lead_counts.test.undated
}
`, srv.URL+"/api/v1")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("days", knownvalue.ObjectExact(wantDays)),
				statecheck.ExpectKnownOutputValue("function_by_day", knownvalue.ObjectExact(byDay)),
				statecheck.ExpectKnownOutputValue("counts_by_day", knownvalue.MapExact(byDay)),
				statecheck.ExpectKnownOutputValue("function_undated", knownvalue.Int64Exact(wantUndated)),
				statecheck.ExpectKnownOutputValue("counts_undated", knownvalue.Int64Exact(wantUndated)),
			},
		}},
	})
}
