-- wrk script: PATCH /api/v1/contacts/{id} with If-Match; each thread patches its own
-- slice of PATCH_FILE and tracks the versions, so a 412 means a lost race or a bug.
request = req_patch
response = on_response
