# xl2tpd as a device for the live tests (sourced; lab/NOTES.md): in namespace NS, with
# `tunnelscope emulate ppp --stdio-hdlc` bind-mounted over /usr/sbin/pppd in a private mount
# namespace as its PPP (the kernel here has no PPP).
#   xl2tpd_missing                      prints why xl2tpd cannot run here (nothing: it can)
#   start_xl2tpd DIR NS CONF PPP_ARGS   CONF: the xl2tpd.conf text (write $DIR/options for
#                                       pppoptfile); PPP_ARGS: the stand-in's emulate options.
#                                       Sets XL2TPD_PID; its control FIFO is $DIR/control.
#   stop_xl2tpd NS                      stops it and whatever it started in NS (bounded:
#                                       SIGKILL after 5 s, see stop_in_ns in netns.sh)
#   xl2tpd_lns_conf DIR [SECRET]        an LNS configuration (any LAC)
#   xl2tpd_lac_conf DIR LNS [SECRET]    an LAC configuration, section "ts" (call: "c ts")
#   With SECRET: tunnel authentication (RFC 2661 5.1.1), `auth file` $DIR/l2tp-secrets with
#   the line "HOSTNAME * SECRET" (us them secret: any peer) and `challenge = yes`: it
#   challenges the peer and answers its Challenge.
xl2tpd_missing() {
  command -v xl2tpd >/dev/null || { echo "xl2tpd not installed"; return; }
  command -v unshare >/dev/null || { echo "unshare not installed"; return; }
  [ -e /usr/sbin/pppd ] || echo "/usr/sbin/pppd (the mount point of the stand-in) not installed"
}

start_xl2tpd() {
  local d=$1 ns=$2 conf=$3 ppp_args=$4
  mkdir -p "$d" /var/run/xl2tpd
  cat >"$d/standin.sh" <<STANDIN
#!/bin/sh
exec "$TS" emulate ppp --stdio-hdlc $ppp_args 2>>"$d/standin.out"
STANDIN
  chmod +x "$d/standin.sh"
  printf 'noauth\n' >"$d/options"
  printf '%s\n' "$conf" >"$d/xl2tpd.conf"
  timeout "${XL2TPD_TIME:-300}" unshare -m --propagation private sh -c \
    "mount --bind '$d/standin.sh' /usr/sbin/pppd && exec ip netns exec '$ns' xl2tpd -D -c '$d/xl2tpd.conf' -p '$d/xl2tpd.pid' -C '$d/control'" \
    >"$d/xl2tpd.out" 2>&1 &
  XL2TPD_PID=$!
  local i
  for i in $(seq 50); do [ -p "$d/control" ] && break; sleep 0.1; done
}

stop_xl2tpd() { stop_in_ns "$XL2TPD_PID" "$1"; }

# xl2tpd_global DIR HOSTNAME [SECRET]: the [global] section (and the secrets file).
xl2tpd_global() {
  printf '[global]\nport = 1701\nforce userspace = yes\n'
  [ -n "${3:-}" ] || return 0
  mkdir -p "$1" && printf '%s * %s\n' "$2" "$3" >"$1/l2tp-secrets"
  printf 'auth file = %s/l2tp-secrets\n' "$1"
}

xl2tpd_lns_conf() {
  xl2tpd_global "$1" xl2tpd-lns "${2:-}"
  printf '[lns default]\nip range = 10.200.0.10-10.200.0.20\n'
  printf 'local ip = 10.200.0.1\nhostname = xl2tpd-lns\npppoptfile = %s/options\nlength bit = yes\n' "$1"
  [ -z "${2:-}" ] || printf 'challenge = yes\n'
}

xl2tpd_lac_conf() {
  xl2tpd_global "$1" xl2tpd-lac "${3:-}"
  printf '[lac ts]\nlns = %s\nhostname = xl2tpd-lac\n' "$2"
  printf 'pppoptfile = %s/options\nlength bit = yes\n' "$1"
  [ -z "${3:-}" ] || printf 'challenge = yes\n'
}
