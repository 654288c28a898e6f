# Shared by the service scripts: source it.
# apt_install PKG...: installs what is missing, running apt-get update once per CI run.
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ ! -e /tmp/mediate-ci-apt-updated ]; then
    apt-get update -qq >/dev/null 2>&1 && touch /tmp/mediate-ci-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1
}
# port_answers PORT [HOST]: true when something accepts TCP connections there.
port_answers() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }
# wait_for_port PORT SECONDS [HOST]
wait_for_port() {
  local i
  for ((i = 0; i < $2; i++)); do port_answers "$1" "${3:-}" && return 0; sleep 1; done
  echo "port $1 did not answer within $2 s" >&2
  return 1
}
