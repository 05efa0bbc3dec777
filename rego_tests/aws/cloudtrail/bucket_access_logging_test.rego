package cspm.checks.aws.cloudtrail.bucket_access_logging_test

import data.cspm.checks.aws.cloudtrail.bucket_access_logging

trail_arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"

snapshot(buckets) := {"resources": {
	"aws_cloudtrail_trail": {trail_arn: {"id": trail_arn, "config": {"s3_bucket_name": "trail-logs"}}},
	"aws_s3_bucket": {sprintf("arn:aws:s3:::%s", [name]): {"name": name, "config": {"logging": logging}} |
		some name, logging in buckets
	},
}}

test_pass_logging_on if {
	count(bucket_access_logging.deny) == 0 with input as snapshot({"trail-logs": {"target_bucket": "access-logs", "target_prefix": ""}})
}

# A bucket outside the snapshot is not denied here: the normalizer names s3_bucket_name
# in the trail's unknown list, which makes the result UNKNOWN (tests/aws/test_aws_orphans.py).
test_pass_bucket_in_another_account_is_not_denied if {
	count(bucket_access_logging.deny) == 0 with input as snapshot({"other": null})
}

test_fail_logging_off if {
	bucket_access_logging.deny == {{
		"resource": trail_arn,
		"message": "access logging is off for the trail's bucket trail-logs",
	}} with input as snapshot({"trail-logs": null})
}
