#!/usr/bin/env bash
# ActiveMQ Classic (Debian's activemq package) for the JMS transport, store and inbound tests.
# Debian's instance "main" listens on OpenWire 61616 only; Mediate's JMS client speaks STOMP,
# so this adds a STOMP connector on 127.0.0.1:61613, enables the instance and starts it.
# It also sets schedulerSupport="true" on <broker> so AMQ_SCHEDULED_DELAY (JMS delivery delay) works.
# Idempotent: re-running it on a machine where ActiveMQ already answers with that config does nothing;
# ActiveMQ is restarted only when schedulerSupport had to be added to a running broker's config.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

STOMP_PORT=61613
conf=/etc/activemq/instances-available/main/activemq.xml
scheduler_set() { grep -q 'schedulerSupport="true"' "$conf"; }
add_scheduler() {
  if grep -q 'schedulerSupport=' "$conf"; then
    sed -i 's#schedulerSupport="[^"]*"#schedulerSupport="true"#' "$conf"
  else
    sed -i 's#<broker xmlns="http://activemq.apache.org/schema/core"#<broker xmlns="http://activemq.apache.org/schema/core" schedulerSupport="true"#' "$conf"
  fi
}

if port_answers "$STOMP_PORT"; then
  { [ ! -f "$conf" ] || scheduler_set; } && exit 0
  add_scheduler
  scheduler_set || { echo "could not set schedulerSupport in $conf" >&2; exit 1; }
  /etc/init.d/activemq restart >/dev/null 2>&1 || true
  wait_for_port "$STOMP_PORT" 90
  exit 0
fi

apt_install activemq

scheduler_set || add_scheduler
if ! grep -q 'name="stomp"' "$conf"; then
  # Insert the STOMP connector right after the opening <transportConnectors> tag.
  sed -i 's#<transportConnectors>#<transportConnectors>\n            <transportConnector name="stomp" uri="stomp://127.0.0.1:'"$STOMP_PORT"'"/>#' "$conf"
fi
mkdir -p /etc/activemq/instances-enabled
[ -e /etc/activemq/instances-enabled/main ] || ln -s /etc/activemq/instances-available/main /etc/activemq/instances-enabled/main

/etc/init.d/activemq start >/dev/null 2>&1 || true
wait_for_port "$STOMP_PORT" 90
