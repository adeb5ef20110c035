#!/usr/bin/env bash
# The first README command: builds everything, creates a demo database with a few hundred
# companies and a few thousand contacts (first run only), prints the admin login and
# serves Hearth on SQLite at http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh

db=data/demo.db
login=data/admin-login.txt
mkdir -p data
if [ ! -f "$db" ]; then
  password=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)
  build/hearth init --db "$db" --admin-email admin@hearth.local --admin-password "$password" --admin-name "Demo Admin"
  build/hearth gen --db "$db" --companies 300 --contacts 3000 --interactions 12000 --busy-contacts 1 --cases 2000 --orders 30000 --seed 1
  printf 'email: admin@hearth.local\npassword: %s\n' "$password" > "$login"
fi

echo
echo "Hearth is starting at http://127.0.0.1:8080 — sign in with:"
sed 's/^/  /' "$login"
echo
exec build/hearth serve --db "$db" --listen "${HEARTH_LISTEN:-127.0.0.1:8080}"
