# pptpd as a PAC for the live tests (sourced; lab/NOTES.md): in namespace NS, bound to ADDRESS,
# with `tunnelscope emulate ppp --stdio-hdlc --server` as its pppd (-e), MS-CHAPv2 and
# MPPE-128 stateless.
#   pptpd_missing                   prints why pptpd cannot run here (nothing: it can)
#   start_pptpd DIR NS ADDRESS      sets PPTPD_PID
#   stop_pptpd NS
pptpd_missing() { command -v pptpd >/dev/null || echo "pptpd not installed"; }

start_pptpd() {
  local d=$1 ns=$2 address=$3
  mkdir -p "$d" /var/run/pptp
  cat >"$d/standin.sh" <<STANDIN
#!/bin/sh
exec "$TS" emulate ppp --stdio-hdlc --server --auth mschapv2 --mppe 128 --stateless --hold 600 \
  --duration 300 2>>"$d/standin.out"
STANDIN
  chmod +x "$d/standin.sh"
  printf 'noauth\n' >"$d/options"
  printf 'localip 10.201.0.1\nremoteip 10.201.0.10-20\noption %s\n' "$d/options" >"$d/pptpd.conf"
  timeout 900 ip netns exec "$ns" pptpd -f -d -c "$d/pptpd.conf" -l "$address" -p "$d/pptpd.pid" \
    -e "$d/standin.sh" >"$d/pptpd.out" 2>&1 &
  PPTPD_PID=$!
  local i
  for i in $(seq 50); do ip netns exec "$ns" ss -ltn 2>/dev/null | grep -q ':1723 ' && return 0; sleep 0.1; done
  return 1
}

stop_pptpd() { stop_in_ns "$PPTPD_PID" "$1"; }
