#!/usr/bin/env bash
# Installs every Debian package Hearth needs to build, run and test (Debian 12, as root).
# Idempotent: packages already present are skipped, so a second run costs a second.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql postgresql-contrib postgresql-common
  libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libphonenumber8 libgeocoding8 libabsl-dev libprotobuf-dev libicu-dev libhowardhinnant-date-dev tzdata
  libcurl4-openssl-dev libgtest-dev libgmock-dev
  chromium wrk clang libclang-rt-14-dev
  dovecot-core dovecot-imapd
)

# dovecot-imapd: the API tests of the email channel start a private Dovecot of their own
# (tests/api/mail_servers.mjs: own config, ports and base_dir); the system service is not used.

# Node.js may come from another apt source (it then ships npm itself); only add Debian's if absent.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# libphonenumber-dev depends on Boost 1.74's -dev packages, which conflict with Boost 1.81.
# Its headers need no Boost, so take them from Debian's own .deb into .deps/ beside the
# sources and link against the runtime library (libphonenumber8) installed above.
here=$(cd "$(dirname "$0")/.." && pwd)
pn="$here/.deps/libphonenumber"
if [ ! -f "$pn/usr/include/phonenumbers/phonenumberutil.h" ]; then
  tmp=$(mktemp -d)
  chmod 777 "$tmp"
  (cd "$tmp" && apt-get download libphonenumber-dev >/dev/null 2>&1 || { apt-get update -qq && apt-get download libphonenumber-dev; })
  mkdir -p "$pn"
  dpkg-deb -x "$tmp"/libphonenumber-dev_*.deb "$pn"
  rm -rf "$tmp"
fi
