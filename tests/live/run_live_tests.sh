#!/usr/bin/env bash
# Live tests of `tunnelscope emulate` (docs/live.md): two network namespaces joined by a
# veth pair; one emulated role in each; both must exit 0 and both recorded pcaps must
# analyse without a violation or a malformed packet.
#   usage: run_live_tests.sh TUNNELSCOPE
# Needs root and `ip netns`; otherwise prints "SKIP: <reason>" and succeeds.
set -u
TS=${1:?usage: run_live_tests.sh TUNNELSCOPE}
TS=$(readlink -f "$TS")

. "$(dirname "$0")/netns.sh"
. "$(dirname "$0")/xl2tpd.sh"
. "$(dirname "$0")/softether.sh"
. "$(dirname "$0")/pptpd.sh"

# judge_interop LABEL RC OUR_OUT PEER_OUT PCAP WHAT: our role exited 0 (else both sides' last
# lines) and its pcap analyses without a violation or a malformed packet; then "ok: WHAT".
judge_interop() {
  local label=$1 rc=$2 ours=$3 peer=$4 pcap=$5 what=$6
  if [ "$rc" != 0 ]; then fail "$label exited $rc"; tail -25 "$ours"; tail -15 "$peer"; return; fi
  if ! timeout 60 "$TS" analyze --fail-on violation --fail-on malformed "$pcap" >"$pcap.analysis" 2>&1; then
    fail "$label: the pcap does not analyse cleanly"; tail -30 "$pcap.analysis"; return
  fi
  echo "ok: $what"
}

# run_pair NAME SERVER_ROLE SERVER_ARGS CLIENT_ROLE CLIENT_ARGS
# The server runs in namespace A, the client in B.
run_pair() {
  local name=$1 srole=$2 sargs=$3 crole=$4 cargs=$5
  local d="$WORK/$name"; mkdir -p "$d"
  # shellcheck disable=SC2086
  timeout 90 ip netns exec "$NS_A" "$TS" emulate "$srole" --local "$ADDR_A" $sargs \
    --pcap "$d/server.pcap" --duration 75 >"$d/server.out" 2>&1 &
  local spid=$!
  sleep 0.5
  # shellcheck disable=SC2086
  timeout 90 ip netns exec "$NS_B" "$TS" emulate "$crole" --local "$ADDR_B" --peer "$ADDR_A" $cargs \
    --pcap "$d/client.pcap" --duration 60 >"$d/client.out" 2>&1
  local crc=$?
  wait "$spid"; local src=$?
  if [ "$crc" != 0 ]; then fail "$name: $crole exited $crc"; tail -25 "$d/client.out"; fi
  if [ "$src" != 0 ]; then fail "$name: $srole exited $src"; tail -25 "$d/server.out"; fi
  for side in server client; do
    if ! timeout 60 "$TS" analyze --fail-on violation --fail-on malformed "$d/$side.pcap" >"$d/$side.analysis" 2>&1
    then
      fail "$name: the $side pcap does not analyse cleanly"; tail -30 "$d/$side.analysis"
    fi
  done
  [ "$FAILED" = 0 ] && echo "ok: $name ($(grep -h '^wrote' "$d"/*.out | tr '\n' ' '))"
}

run_pair l2tp l2tp-lns "--sessions 2 --secret s3cret --hello 2" \
                l2tp-lac "--sessions 2 --hold 5 --secret s3cret --hello 2"
run_pair pptp pptp-pac "--peer $ADDR_B --sessions 2 --mppe 128 --stateless" \
                pptp-pns "--sessions 2 --hold 5 --mppe 128 --stateless"

# PPP over stdin/stdout (the pppd stand-in): a client and a server joined by two FIFOs
# (opened read-write so that neither open blocks).
run_ppp_stdio() {
  local d="$WORK/ppp"; mkdir -p "$d"
  mkfifo "$d/to_server" "$d/to_client"
  timeout 40 "$TS" emulate ppp --stdio-hdlc --server --auth mschapv2 --mppe 128 --hold 30 --duration 30 \
    <>"$d/to_server" >"$d/to_client" 2>"$d/server.out" &
  local spid=$!
  timeout 40 "$TS" emulate ppp --stdio-hdlc --auth mschapv2 --mppe 128 --hold 4 --duration 30 \
    <>"$d/to_client" >"$d/to_server" 2>"$d/client.out"
  local crc=$?
  wait "$spid"; local src=$?
  if [ "$crc" != 0 ]; then fail "ppp: client exited $crc"; tail -25 "$d/client.out"; fi
  if [ "$src" != 0 ]; then fail "ppp: server exited $src"; tail -25 "$d/server.out"; fi
  [ "$crc" = 0 ] && [ "$src" = 0 ] && echo "ok: ppp --stdio-hdlc"
}
run_ppp_stdio

# Interop: our LAC against xl2tpd as the LNS (lab/NOTES.md), with `emulate ppp --stdio-hdlc
# --server` bind-mounted over /usr/sbin/pppd in a private mount namespace as the PPP
# stand-in. Runs when xl2tpd and unshare are installed.
run_xl2tpd_lns() {
  local missing; missing=$(xl2tpd_missing)
  if [ -n "$missing" ]; then echo "SKIP: xl2tpd interop ($missing)"; return; fi
  local d="$WORK/xl2tpd"
  start_xl2tpd "$d" "$NS_A" "$(xl2tpd_lns_conf "$d")" "--server --auth mschapv2 --hold 600 --duration 60"
  sleep 1
  timeout 60 ip netns exec "$NS_B" "$TS" emulate l2tp-lac --local "$ADDR_B" --peer "$ADDR_A" --sessions 2 \
    --hold 5 --pcap "$d/lac.pcap" --duration 40 >"$d/lac.out" 2>&1
  local rc=$?
  stop_xl2tpd "$NS_A"
  judge_interop "xl2tpd: l2tp-lac" "$rc" "$d/lac.out" "$d/xl2tpd.out" "$d/lac.pcap" \
    "l2tp-lac against xl2tpd (LNS) with the PPP stand-in"
}
run_xl2tpd_lns

# Interop: our PNS against pptpd as the PAC, with `emulate ppp --stdio-hdlc --server` as
# its pppd (pptpd -e): MS-CHAPv2 and MPPE-128 stateless. Runs when pptpd is installed.
run_pptpd_pac() {
  local missing; missing=$(pptpd_missing)
  if [ -n "$missing" ]; then echo "SKIP: pptpd interop ($missing)"; return; fi
  local d="$WORK/pptpd"
  start_pptpd "$d" "$NS_A" "$ADDR_A" || { fail "pptpd did not listen"; tail -15 "$d/pptpd.out"; return; }
  timeout 60 ip netns exec "$NS_B" "$TS" emulate pptp-pns --local "$ADDR_B" --peer "$ADDR_A" --sessions 1 \
    --hold 5 --mppe 128 --stateless --pcap "$d/pns.pcap" --duration 40 >"$d/pns.out" 2>&1
  local rc=$?
  stop_pptpd "$NS_A"
  judge_interop "pptpd: pptp-pns" "$rc" "$d/pns.out" "$d/pptpd.out" "$d/pns.pcap" \
    "pptp-pns against pptpd (PAC) with the PPP stand-in"
}
run_pptpd_pac

# Interop: our PAC against the pptp-linux client as the PNS, its HDLC PPP stream joined by
# socat to `emulate ppp --stdio-hdlc` (the client side): MS-CHAPv2, MPPE-128 stateless.
run_pptp_client_pns() {
  if ! command -v pptp >/dev/null || ! command -v socat >/dev/null; then
    echo "SKIP: pptp-linux interop (pptp or socat not installed)"; return
  fi
  local d="$WORK/pptp-linux"; mkdir -p "$d" /var/run/pptp
  cat >"$d/client.sh" <<CLIENT
#!/bin/sh
exec "$TS" emulate ppp --stdio-hdlc --auth mschapv2 --mppe 128 --stateless --hold 5 --duration 30 \
  2>>"$d/client.out"
CLIENT
  chmod +x "$d/client.sh"
  timeout 60 ip netns exec "$NS_A" "$TS" emulate pptp-pac --local "$ADDR_A" --peer "$ADDR_B" --mppe 128 \
    --stateless --pcap "$d/pac.pcap" --duration 40 >"$d/pac.out" 2>&1 &
  local spid=$!
  sleep 0.5
  # socat splits its addresses on ':' and ',': the command goes through the environment.
  PPTP_CMD="pptp $ADDR_A --nolaunchpppd --nohostroute" timeout 50 ip netns exec "$NS_B" \
    sh -c 'exec socat EXEC:"$PPTP_CMD" EXEC:"$0"' "$d/client.sh" >"$d/socat.out" 2>&1
  wait "$spid"; local rc=$?
  if [ "$rc" = 0 ] && ! grep -q "^result: ok" "$d/client.out"; then
    fail "pptp-linux: the PPP client failed"; tail -10 "$d/client.out"; return
  fi
  judge_interop "pptp-linux: pptp-pac" "$rc" "$d/pac.out" "$d/client.out" "$d/pac.pcap" \
    "pptp-pac against the pptp-linux client (PNS) with the PPP stand-in"
}
run_pptp_client_pns

# Interop: our LNS against xl2tpd as the LAC (driven through its control FIFO: "c" places a
# call, "d" drops the tunnel), with `emulate ppp --stdio-hdlc` as its pppd (the client).
run_xl2tpd_lac() {
  local missing; missing=$(xl2tpd_missing)
  if [ -n "$missing" ]; then echo "SKIP: xl2tpd LAC interop ($missing)"; return; fi
  local d="$WORK/xl2tpd-lac"; mkdir -p "$d"
  timeout 70 ip netns exec "$NS_A" "$TS" emulate l2tp-lns --local "$ADDR_A" --pcap "$d/lns.pcap" --duration 60 \
    >"$d/lns.out" 2>&1 &
  local lpid=$!
  start_xl2tpd "$d" "$NS_B" "$(xl2tpd_lac_conf "$d" "$ADDR_A")" "--auth mschapv2 --hold 5 --duration 30"
  echo "c ts" | timeout 5 tee "$d/control" >/dev/null
  sleep 8
  echo "d ts" | timeout 5 tee "$d/control" >/dev/null
  wait "$lpid"; local rc=$?
  stop_xl2tpd "$NS_B"
  judge_interop "xl2tpd LAC: l2tp-lns" "$rc" "$d/lns.out" "$d/xl2tpd.out" "$d/lns.pcap" \
    "l2tp-lns against xl2tpd (LAC) with the PPP stand-in"
}
run_xl2tpd_lac

# Interop: our LAC against the SoftEther VPN server as the LNS, with its own PPP (MS-CHAPv2
# here, IPCP from its SecureNAT DHCP). Its known deviations (docs/interop.md) are findings,
# not failures; anything else the analyzer flags as a violation fails the test.
SOFTETHER_KNOWN="l2tp.avp.m_bit_wrong ppp.lcp.echo_outside_opened l2tp.avp.result_code_reserved l2tp.state.illegal_control_message"
run_softether_lns() {
  local missing; missing=$(softether_missing)
  if [ -n "$missing" ]; then echo "SKIP: SoftEther interop ($missing)"; return; fi
  local d="$WORK/softether"
  if ! start_softether "$d" "$NS_A"; then
    fail "SoftEther did not come up"; tail -15 "$d/vpnserver.out" "$d/vpncmd.out"; stop_softether "$NS_A"; return
  fi
  timeout 60 ip netns exec "$NS_B" "$TS" emulate l2tp-lac --local "$ADDR_B" --peer "$ADDR_A" --sessions 2 --hold 5 \
    --username "$SOFTETHER_USER" --password "$SOFTETHER_PASSWORD" --pcap "$d/lac.pcap" --duration 40 >"$d/lac.out" 2>&1
  local rc=$?
  stop_softether "$NS_A"
  if [ "$rc" != 0 ]; then fail "SoftEther: l2tp-lac exited $rc"; tail -25 "$d/lac.out"; return; fi
  if ! timeout 60 "$TS" analyze --fail-on malformed --format json "$d/lac.pcap" >"$d/lac.json" 2>&1; then
    fail "SoftEther: the pcap has malformed packets"; grep -i malformed "$d/lac.json" | head -5; return
  fi
  local id unexpected=""
  for id in $(grep -o '"id":"[a-z0-9_.]*","kind":"violation"' "$d/lac.json" | sed 's/"id":"\([^"]*\)".*/\1/' | sort -u); do
    case " $SOFTETHER_KNOWN " in *" $id "*) ;; *) unexpected="$unexpected $id" ;; esac
  done
  [ -z "$unexpected" ] || { fail "SoftEther: new violations:$unexpected"; return; }
  echo "ok: l2tp-lac against SoftEther (LNS, its own PPP), 2 calls ($(grep -c . "$d/lac.json") records)"
}
run_softether_lns

if [ "$FAILED" != 0 ]; then echo "live tests FAILED"; exit 1; fi
echo "live tests passed"
