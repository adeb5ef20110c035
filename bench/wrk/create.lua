-- wrk script: POST /api/v1/contacts, a new contact (unique email) each request.
request = req_create
response = on_response
