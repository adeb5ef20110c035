-- wrk script: GET /api/v1/contacts/{id}/timeline?limit=50 for contacts picked at random from IDS_FILE.
request = req_timeline
