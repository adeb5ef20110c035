-- wrk script: the service report for a random 28-day period (computed, not cached).
request = req_service_report_uncached
