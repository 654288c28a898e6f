#!/usr/bin/env bash
# An SMB server for the VFS tests: Samba's smbd on 127.0.0.1:4450 (not 445, so a machine's own
# file sharing is left alone), share "mediate" at /srv/mediate-smb, user mediate-smb / password
# mediate. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

PORT=4450
port_answers "$PORT" && exit 0
apt_install samba
id mediate-smb >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin mediate-smb
mkdir -p /srv/mediate-smb && chown mediate-smb /srv/mediate-smb && chmod 777 /srv/mediate-smb
conf=/etc/samba/mediate-smb.conf
cat > "$conf" <<CONF
[global]
  workgroup = WORKGROUP
  server role = standalone server
  smb ports = $PORT
  interfaces = lo
  bind interfaces only = yes
  map to guest = never
  server min protocol = SMB2_02
  ntlm auth = yes
  pid directory = /run/mediate-smb
  lock directory = /var/lib/mediate-smb
  state directory = /var/lib/mediate-smb
  cache directory = /var/lib/mediate-smb
  private dir = /var/lib/mediate-smb/private
  log file = /var/log/mediate-smb.log
[mediate]
  path = /srv/mediate-smb
  read only = no
  valid users = mediate-smb
  force user = mediate-smb
CONF
mkdir -p /run/mediate-smb /var/lib/mediate-smb/private
printf 'mediate\nmediate\n' | smbpasswd -c "$conf" -s -a mediate-smb >/dev/null
smbd -s "$conf" -D
wait_for_port "$PORT" 30
