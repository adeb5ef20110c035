-- wrk script: GET /api/v1/contacts?owner_id=<random owner>&sort=name&limit=50
request = req_list_owner
