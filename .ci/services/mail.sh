#!/usr/bin/env bash
# Mail servers for the mail transport tests: Dovecot with IMAP on 127.0.0.1:1143 and POP3 on
# 127.0.0.1:1110 (plain text allowed on loopback), users from a passwd file: mediate and
# mediate2, password mediate, Maildir under /var/mail/mediate. The SMTP side is a small
# receiver the tests start themselves (test/support/smtp-receiver.ts). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

port_answers 1143 && port_answers 1110 && exit 0
apt_install dovecot-imapd dovecot-pop3d
id vmail >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin vmail
mkdir -p /var/mail/mediate && chown vmail:vmail /var/mail/mediate
conf=/etc/dovecot/mediate
mkdir -p "$conf"
: > "$conf/passwd"
for u in mediate mediate2; do echo "$u:{PLAIN}mediate:::::" >> "$conf/passwd"; done
cat > "$conf/dovecot.conf" <<CONF
protocols = imap pop3
listen = 127.0.0.1
base_dir = /run/dovecot-mediate
instance_name = dovecot-mediate
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:/var/mail/mediate/%u
mail_uid = vmail
mail_gid = vmail
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN $conf/passwd
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=/var/mail/mediate/%u
}
namespace inbox {
  inbox = yes
  mailbox Processed {
    auto = create
  }
  mailbox Failed {
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 1143
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = 1110
  }
  inet_listener pop3s {
    port = 0
  }
}
log_path = /var/log/dovecot-mediate.log
CONF
dovecot -c "$conf/dovecot.conf"
wait_for_port 1143 30
wait_for_port 1110 30
