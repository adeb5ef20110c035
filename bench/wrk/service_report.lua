-- wrk script: GET /api/v1/reports/service (the last 28 days by week).
request = req_service_report
