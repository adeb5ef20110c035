-- wrk script: GET /api/v1/contacts?q=<random name fragment>&limit=50
request = req_search
