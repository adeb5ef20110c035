-- wrk script: GET /api/v1/contacts/{id} for ids picked at random from IDS_FILE.
request = req_by_id
