-- wrk script: GET /api/v1/contacts?phase=commitment&sort=-updated_at&limit=50
request = req_list_phase
