package cspm.main_test

import data.cspm.main

snapshot := {"resources": {"aws_s3_bucket": {
	"good": {"id": "good", "type": "aws_s3_bucket", "config": {"policy": {"Statement": [{
		"Effect": "Deny",
		"Principal": "*",
		"Action": ["s3:*"],
		"Resource": ["*"],
		"Condition": {"Bool": {"aws:SecureTransport": "false"}},
	}]}}},
	"bad": {"id": "bad", "type": "aws_s3_bucket", "config": {"policy": null}},
}}}

test_results_gather_every_check if {
	results := main.results with input as snapshot
	some result in results
	count(results) >= 1
	is_set(result.deny)
}

test_results_report_denies_by_package if {
	result := main.results["aws.s3.deny_http"] with input as snapshot
	{d.resource | some d in result.deny} == {"bad"}
	result.applies == null
}
