# METADATA
# title: AWS CloudTrail event-selector helpers
# description: >-
#   Decides what a trail records from its basic event selectors (read_write_type,
#   include_management_events, data_resources) and its advanced event selectors
#   (field_selectors with equals / starts_with / not_* lists). `access` is "read" or
#   "write".
package cspm.lib.aws.cloudtrail

# Basic selector read_write_type values that record each kind of access.
basic_types := {"read": {"All", "ReadOnly"}, "write": {"All", "WriteOnly"}}

# The value of an advanced readOnly field selector that records each kind of access.
read_only_value := {"read": "true", "write": "false"}

# records_management_events holds when the selectors record management events of `access`.
records_management_events(selectors, _, access) if {
	some s in selectors
	s.include_management_events == true
	s.read_write_type in basic_types[access]
}

records_management_events(_, advanced, access) if {
	some a in advanced
	selects(a, "eventCategory", "Management")
	selects_access(a, access)
}

# records_s3_object_events holds when the selectors record S3 object-level (data)
# events of `access` for every object of bucket `bucket`.
records_s3_object_events(selectors, _, access, bucket) if {
	some s in selectors
	s.read_write_type in basic_types[access]
	some r in s.data_resources
	r.type == "AWS::S3::Object"
	some value in r.values
	covers_bucket(value, bucket)
}

records_s3_object_events(_, advanced, access, bucket) if {
	some a in advanced
	selects(a, "eventCategory", "Data")
	selects(a, "resources.type", "AWS::S3::Object")
	selects_access(a, access)
	arn_selector_covers(a, bucket)
}

# selects holds when an advanced selector has a field selector `field` equal to `value`.
selects(advanced_selector, field, value) if {
	some f in advanced_selector.field_selectors
	f.field == field
	value in f.equals
}

# selects_access: without a readOnly field selector both reads and writes are recorded.
selects_access(advanced_selector, _) if {
	not has_field(advanced_selector, "readOnly")
}

selects_access(advanced_selector, access) if {
	selects(advanced_selector, "readOnly", read_only_value[access])
}

has_field(advanced_selector, field) if {
	some f in advanced_selector.field_selectors
	f.field == field
}

negative_operators := {"not_equals", "not_starts_with", "not_ends_with"}

# arn_selector_covers: no resources.ARN field selector means every bucket; otherwise
# one must start with a value covering the whole bucket and none may exclude objects.
arn_selector_covers(advanced_selector, _) if {
	not has_field(advanced_selector, "resources.ARN")
}

arn_selector_covers(advanced_selector, bucket) if {
	some f in advanced_selector.field_selectors
	f.field == "resources.ARN"
	some value in f.starts_with
	covers_bucket(value, bucket)
	not excludes_objects(advanced_selector)
}

excludes_objects(advanced_selector) if {
	some f in advanced_selector.field_selectors
	f.field == "resources.ARN"
	some op in negative_operators
	count(object.get(f, op, [])) > 0
}

# covers_bucket holds for an S3 ARN (prefix) naming all buckets ("arn:aws:s3",
# "arn:aws:s3:::") or all of one bucket ("arn:aws:s3:::b", "arn:aws:s3:::b/").
covers_bucket(value, bucket) if {
	parts := split(value, ":")
	parts[0] == "arn"
	parts[2] == "s3"
	resource := concat(":", array.slice(parts, 5, count(parts)))
	resource in {"", bucket, concat("", [bucket, "/"])}
}

# s3_object_buckets is what records_s3_object_events(selectors, advanced, access, b)
# holds for, computed once per trail instead of once per (trail, bucket): the bucket
# names b it holds for, and `true` when it holds for every bucket.
s3_object_buckets(selectors, advanced, access) := basic | selected if {
	basic := {b |
		some s in selectors
		s.read_write_type in basic_types[access]
		some r in s.data_resources
		r.type == "AWS::S3::Object"
		some value in r.values
		some b in buckets_covered(value)
	}
	selected := {b |
		some a in advanced
		selects(a, "eventCategory", "Data")
		selects(a, "resources.type", "AWS::S3::Object")
		selects_access(a, access)
		some b in arn_selector_buckets(a)
	}
}

# arn_selector_buckets is what arn_selector_covers(advanced_selector, b) holds for: the
# bucket names b, or `true` for every bucket.
arn_selector_buckets(advanced_selector) := {true} if {
	not has_field(advanced_selector, "resources.ARN")
}

arn_selector_buckets(advanced_selector) := {b |
	some f in advanced_selector.field_selectors
	f.field == "resources.ARN"
	some value in f.starts_with
	some b in buckets_covered(value)
} if {
	has_field(advanced_selector, "resources.ARN")
	not excludes_objects(advanced_selector)
}

# buckets_covered is what covers_bucket(value, b) holds for: `true` (every bucket) for
# a value naming all buckets, else the one name it covers (with and without a trailing
# "/" removed, as covers_bucket accepts both "b" and "b/").
buckets_covered(value) := {true} if s3_arn_resource(value) == ""

buckets_covered(value) := {resource} | {trimmed |
	endswith(resource, "/")
	trimmed := trim_suffix(resource, "/")
} if {
	resource := s3_arn_resource(value)
	resource != ""
}

# s3_arn_resource is the resource part of an S3 ARN (prefix): what follows its fifth ":".
s3_arn_resource(value) := concat(":", array.slice(parts, 5, count(parts))) if {
	parts := split(value, ":")
	parts[0] == "arn"
	parts[2] == "s3"
}
