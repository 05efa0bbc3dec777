package cspm.checks.aws.elb.encrypted_listeners_test

import data.cspm.checks.aws.elb.encrypted_listeners

arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"

lb(scheme, listeners) := {"resources": {"aws_lb": {arn: {"id": arn, "config": {"scheme": scheme, "listeners": listeners}}}}}

http(actions) := {"port": 80, "protocol": "HTTP", "ssl_policy": null, "default_actions": actions}

https := {"port": 443, "protocol": "HTTPS", "ssl_policy": "p", "default_actions": [{"type": "forward", "redirect_protocol": null}]}

test_pass_https_with_redirect if {
	redirect := [{"type": "redirect", "redirect_protocol": "HTTPS"}]
	count(encrypted_listeners.deny) == 0 with input as lb("internet-facing", [https, http(redirect)])
}

test_pass_internal_http if {
	count(encrypted_listeners.deny) == 0 with input as lb("internal", [http([{"type": "forward", "redirect_protocol": null}])])
}

test_fail_http_forward if {
	encrypted_listeners.deny == {{
		"resource": arn,
		"message": "HTTP listener on port 80 serves requests instead of redirecting to HTTPS",
	}} with input as lb("internet-facing", [http([{"type": "forward", "redirect_protocol": null}])])
}

test_fail_http_redirect_to_http if {
	some d in encrypted_listeners.deny with input as lb("internet-facing", [http([{"type": "redirect", "redirect_protocol": "HTTP"}])])
	d.resource == arn
}
