#!/usr/bin/env bash
# Installs the Debian packages the platform and its tests use (PostgreSQL for the embedded store,
# FerretDB's backend; Chromium for browser journeys, Redis for the scale-out test, CJK fonts for
# screenshots and PDFs) when they are missing. Needs root or sudo.
# With arguments, only those of them (`install-system.sh postgresql`: what `npm start` needs).
set -euo pipefail
want=()
only=" ${*:-postgresql chromium redis-server fonts-noto-cjk} "
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in chromium redis-server fonts-noto-cjk; do [[ "$only" == *" $pkg "* ]] && ! have "$pkg" && want+=("$pkg"); done
# Any PostgreSQL server under Debian's layout will do (scripts/services.mjs takes the highest).
if [[ "$only" == *" postgresql "* ]]; then compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || want+=(postgresql); fi
[ ${#want[@]} -eq 0 ] && exit 0
sudo=''
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo='sudo'; else
    echo "[system] missing Debian packages: ${want[*]} — install them as root: apt-get install -y ${want[*]}" >&2
    exit 1
  fi
fi
echo "[system] installing ${want[*]}…" >&2
if [[ " ${want[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.d/techbridge.conf ]; then
  # The project runs its own PostgreSQL (data/db/pg, temp dirs for tests): no system cluster on 5432.
  $sudo mkdir -p /etc/postgresql-common/createcluster.d
  echo 'create_main_cluster = false' | $sudo tee /etc/postgresql-common/createcluster.d/techbridge.conf >/dev/null
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
