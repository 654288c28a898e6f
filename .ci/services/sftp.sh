#!/usr/bin/env bash
# An SFTP server for the VFS tests: a second OpenSSH daemon on 127.0.0.1:2222 (the machine's
# own sshd is left alone), user mediate-sftp / password mediate, home /home/mediate-sftp; the
# client key /etc/mediate-sftp/client_key is authorised too. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

PORT=2222
port_answers "$PORT" && exit 0
apt_install openssh-server openssh-sftp-server
id mediate-sftp >/dev/null 2>&1 || useradd -m -s /bin/sh mediate-sftp
echo 'mediate-sftp:mediate' | chpasswd
conf=/etc/mediate-sftp
mkdir -p "$conf" /run/sshd
[ -e "$conf/host_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$conf/host_key"
[ -e "$conf/client_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$conf/client_key"
chmod 644 "$conf/client_key"
install -d -o mediate-sftp -m 700 /home/mediate-sftp/.ssh
install -o mediate-sftp -m 600 "$conf/client_key.pub" /home/mediate-sftp/.ssh/authorized_keys
cat > "$conf/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $conf/host_key
PidFile /run/mediate-sftp.pid
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM yes
AllowUsers mediate-sftp
Subsystem sftp internal-sftp
CONF
/usr/sbin/sshd -f "$conf/sshd_config"
wait_for_port "$PORT" 30
