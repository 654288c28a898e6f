#!/usr/bin/env bash
# PostgreSQL (the machine's server, 5432): distributed data-service transactions take part in
# two-phase commit with PREPARE TRANSACTION, which needs max_prepared_transactions > 0. Debian's
# default is 0 and changing it needs a restart: set it once and restart when it is still 0.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

current=$(psql -h 127.0.0.1 -U postgres -Atc 'show max_prepared_transactions' 2>/dev/null || echo "")
if [ "$current" = "0" ]; then
  psql -h 127.0.0.1 -U postgres -qc 'alter system set max_prepared_transactions = 20' || exit 1
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main restart || exit 1
  wait_for_port 5432 30 || exit 1
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 && break; sleep 1; done
fi
echo "PostgreSQL max_prepared_transactions = $(psql -h 127.0.0.1 -U postgres -Atc 'show max_prepared_transactions')"
