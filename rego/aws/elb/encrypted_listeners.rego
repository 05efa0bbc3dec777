# METADATA
# title: Internet-facing load balancers do not serve plain HTTP
# description: >-
#   An HTTP listener on an internet-facing load balancer carries requests, cookies and
#   responses in clear text across the internet, unless all it does is redirect to HTTPS.
# custom:
#   id: AWS-ELB-001
#   severity: MEDIUM
#   resource_type: aws_lb
#   remediation: >-
#     Serve the application on an HTTPS listener and change the HTTP listener's default
#     action to a redirect to HTTPS (`aws elbv2 modify-listener --default-actions
#     Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}`).
#   compliance:
#     PCI_DSS_v4.0: ["1.2.5", "2.2.5", "2.2.7", "4.2.1", "4.2.1.1", "8.3.2"]
#     SOC2: ["CC6.7"]
#     NIST_800_53_r5: ["AC-4", "AC-4(22)", "AC-17(2)", "AC-24(1)", "AU-9(3)", "CA-9(b)",
#       "IA-5(1)(c)", "PM-17(b)", "SC-7(4)(b)", "SC-7(4)(g)", "SC-7(5)", "SC-8", "SC-8(1)",
#       "SC-8(2)", "SC-8(3)", "SC-8(4)", "SC-8(5)", "SC-13(a)", "SC-23", "SC-23(5)", "SI-1(a)(2)"]
#     GDPR: ["Article 32"]
package cspm.checks.aws.elb.encrypted_listeners

deny contains {"resource": id, "message": msg} if {
	some id, lb in input.resources.aws_lb
	lb.config.scheme == "internet-facing"
	some listener in lb.config.listeners
	listener.protocol == "HTTP"
	not only_redirects_to_https(listener.default_actions)
	msg := sprintf("HTTP listener on port %v serves requests instead of redirecting to HTTPS", [listener.port])
}

only_redirects_to_https(actions) if {
	count(actions) > 0
	every action in actions {
		action.type == "redirect"
		action.redirect_protocol == "HTTPS"
	}
}
