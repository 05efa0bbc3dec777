package cspm.checks.gcp.logging.lb_logging_test

import data.cspm.checks.gcp.logging.lb_logging

bid := "//compute.googleapis.com/projects/p/global/backendServices/web"

backend(protocol, log_config) := {"resources": {"google_compute_backend_service": {bid: {
	"id": bid,
	"config": {"protocol": protocol, "log_config": log_config},
}}}}

test_pass_logging_on if {
	count(lb_logging.deny) == 0 with input as backend("HTTPS", {"enable": true, "sample_rate": 1})
}

test_pass_tcp_backend_does_not_apply if {
	lb_logging.applies == set() with input as backend("TCP", null)
}

test_fail_never_configured if {
	lb_logging.deny == {{"resource": bid, "message": "backend service does not log requests"}} with input as backend("HTTP", null)
}

test_fail_disabled if {
	count(lb_logging.deny) == 1 with input as backend("HTTP2", {"enable": false})
}
