-- wrk script: GET /api/v1/analytics/customers/{id} for ids picked at random from IDS_FILE.
request = req_customer_analytics
