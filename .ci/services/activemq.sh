#!/usr/bin/env bash
# ActiveMQ Classic (Debian's activemq package) for the JMS transport, store and inbound tests.
# Debian's instance "main" listens on OpenWire 61616 only; Mediate's JMS client speaks STOMP,
# so this adds a STOMP connector on 127.0.0.1:61613, enables the instance and starts it.
# Idempotent: re-running it on a machine where ActiveMQ already answers does nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

STOMP_PORT=61613
port_answers "$STOMP_PORT" && exit 0

apt_install activemq

conf=/etc/activemq/instances-available/main/activemq.xml
if ! grep -q 'name="stomp"' "$conf"; then
  # Insert the STOMP connector right after the opening <transportConnectors> tag.
  sed -i 's#<transportConnectors>#<transportConnectors>\n            <transportConnector name="stomp" uri="stomp://127.0.0.1:'"$STOMP_PORT"'"/>#' "$conf"
fi
mkdir -p /etc/activemq/instances-enabled
[ -e /etc/activemq/instances-enabled/main ] || ln -s /etc/activemq/instances-available/main /etc/activemq/instances-enabled/main

/etc/init.d/activemq start >/dev/null 2>&1 || true
wait_for_port "$STOMP_PORT" 90
