package cspm.checks.aws.ec2.instance_profile_test

import data.cspm.checks.aws.ec2.instance_profile

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"

instance(state, profile) := {"resources": {"aws_instance": {arn: {
	"id": arn,
	"type": "aws_instance",
	"config": {"state": state, "iam_instance_profile_arn": profile},
}}}}

test_pass_profile_attached if {
	count(instance_profile.deny) == 0 with input as instance("running", "arn:aws:iam::111122223333:instance-profile/web")
}

test_fail_no_profile if {
	instance_profile.deny == {{"resource": arn, "message": "instance has no IAM instance profile"}} with input as instance("running", null)
}

test_fail_stopped_instance_counts if {
	some d in instance_profile.deny with input as instance("stopped", null)
	d.resource == arn
}

test_pass_terminated_instance_not_applicable if {
	count(instance_profile.deny) == 0 with input as instance("terminated", null)
	count(instance_profile.applies) == 0 with input as instance("terminated", null)
}
