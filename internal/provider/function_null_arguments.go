package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// msgpackNil is a null of any type in Terraform's msgpack encoding.
var msgpackNil = []byte{0xc0}

// CallFunction passes a null argument on to the framework as a null.
// OpenTofu (1.12.6, and its main branch in August 2026: CallFunction in
// internal/plugin6/grpc_provider.go) leaves the argument out of the request
// when it is null and the parameter allows null, so it arrives as a value
// with no data, which the framework cannot decode ("DynamicValue had no
// JSON or msgpack data set"): utc_day(null) failed on OpenTofu where it
// gives null on Terraform. A value with no data can only be that null.
func (s *providerServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	for i, arg := range req.Arguments {
		if arg == nil || (len(arg.MsgPack) == 0 && len(arg.JSON) == 0) {
			req.Arguments[i] = &tfprotov6.DynamicValue{MsgPack: msgpackNil}
		}
	}
	return s.ProviderServer.CallFunction(ctx, req)
}
