package cspm.lib.time_test

import data.cspm.lib.time

test_age_days_whole_days if {
	time.age_days("2026-11-27T11:00:00Z") == 1 with input as {"taken_at": "2026-11-29T10:00:00Z"}
	time.age_days("2026-11-27T10:00:00Z") == 2 with input as {"taken_at": "2026-11-29T10:00:00Z"}
}

test_days_between if {
	time.days_between("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z") == 365
}

test_before_taken_at if {
	time.before_taken_at("2026-11-29T09:59:59Z") with input as {"taken_at": "2026-11-29T10:00:00Z"}
	not time.before_taken_at("2026-11-29T10:00:00Z") with input as {"taken_at": "2026-11-29T10:00:00Z"}
}
