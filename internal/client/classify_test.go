package client

import "testing"

func TestOnlyBodyFaultsAnotherTryCanFixAreRetryable(t *testing.T) {
	for _, tc := range []struct {
		fault bodyFault
		want  bool
	}{
		{faultRead, true},
		{faultSyntax, true},
		{faultEmpty, false},
		{faultSize, false},
		{faultShape, false},
		{faultItem, false},
	} {
		if got := tc.fault.retryable(); got != tc.want {
			t.Errorf("%s: retryable = %v, want %v", tc.fault, got, tc.want)
		}
	}
}
