package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// OpenTofu sends a null argument as an empty value (function_null_arguments.go);
// the function answers it as the null it is, as it answers Terraform's.
func TestCallFunction_anEmptyArgumentIsNull(t *testing.T) {
	t.Parallel()
	ps, err := newProviderServer(testProvider())()
	if err != nil {
		t.Fatal(err)
	}
	for name, arg := range map[string]*tfprotov6.DynamicValue{"empty (OpenTofu)": {}, "absent": nil} {
		resp, err := ps.CallFunction(t.Context(), &tfprotov6.CallFunctionRequest{Name: "utc_day", Arguments: []*tfprotov6.DynamicValue{arg}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if resp.Error != nil {
			t.Fatalf("utc_day of an argument sent %s failed: %s", name, resp.Error.Text)
		}
		v, err := resp.Result.Unmarshal(tftypes.String)
		if err != nil {
			t.Fatal(err)
		}
		if !v.IsNull() {
			t.Errorf("utc_day of an argument sent %s = %v, want null", name, v)
		}
	}
}
