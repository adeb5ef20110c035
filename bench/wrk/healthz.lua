-- wrk script: GET /healthz (no auth, no database) — the HTTP ceiling of this machine.
wrk.path = "/healthz"
request = nil
