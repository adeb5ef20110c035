-- wrk script: the case queues (all, one owner, breaching soon, team), 50 by due time.
request = req_case_queue
