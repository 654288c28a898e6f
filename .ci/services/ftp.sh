#!/usr/bin/env bash
# An FTP server for the VFS tests: Debian's pyftpdlib on 127.0.0.1:2121, user mediate /
# password mediate, home /srv/mediate-ftp (writable). Passive ports 30000-30099.
# Idempotent: does nothing when the port already answers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

PORT=2121
port_answers "$PORT" && exit 0
apt_install python3-pyftpdlib
mkdir -p /srv/mediate-ftp && chmod 777 /srv/mediate-ftp
cat > /usr/local/sbin/mediate-ftpd.py <<'PY'
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
authorizer = DummyAuthorizer()
authorizer.add_user("mediate", "mediate", "/srv/mediate-ftp", perm="elradfmwMT")
handler = FTPHandler
handler.authorizer = authorizer
handler.passive_ports = range(30000, 30100)
server = FTPServer(("127.0.0.1", 2121), handler)
server.serve_forever()
PY
setsid /usr/bin/python3 /usr/local/sbin/mediate-ftpd.py >/var/log/mediate-ftpd.log 2>&1 < /dev/null &
wait_for_port "$PORT" 30
