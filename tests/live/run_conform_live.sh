#!/usr/bin/env bash
# Live conformance runs (docs/device-profiles.md, docs/interop.md): `tunnelscope conform
# --target` against devices in a network namespace.
#  1. Our own reference endpoints as the devices (`emulate l2tp-lns`, `emulate l2tp-lac`
#     started by the profile's call-trigger): every script must pass live as it does in
#     simulation, and each must leave a pcap and an analyzer timeline.
#  2. xl2tpd as LNS and as LAC, the SoftEther VPN server as LNS, pptpd as PAC (when installed): the suites run and their verdicts are
#     recorded (JSON beside the pcaps; docs/interop.md has the matrix); what must interoperate
#     is asserted: establishment, the incoming call and StopCCN.
#   usage: run_conform_live.sh TUNNELSCOPE [reference|interop]   (default: both parts)
# Needs root and `ip netns`; otherwise prints "SKIP: <reason>" and succeeds.
set -u
TS=${1:?usage: run_conform_live.sh TUNNELSCOPE [reference|interop]}
PART=${2:-all}
TS=$(readlink -f "$TS")
TAG_PREFIX=tsc
. "$(dirname "$0")/netns.sh"
. "$(dirname "$0")/xl2tpd.sh"
. "$(dirname "$0")/softether.sh"
. "$(dirname "$0")/pptpd.sh"

# verdict FILE SCRIPT: the verdict of SCRIPT (file name) in a JSON Lines report.
verdict() { grep -o "\"script\":\"[^\"]*/$2\",\"verdict\":\"[a-z]*\"" "$1" | sed 's/.*"verdict":"\([a-z]*\)"/\1/'; }

# expect_pass NAME FILE SCRIPT...: each SCRIPT must have passed.
expect_pass() {
  local name=$1 file=$2; shift 2
  local s v
  for s in "$@"; do
    v=$(verdict "$file" "$s")
    [ "$v" = pass ] || fail "$name: $s: ${v:-no verdict}"
  done
}

# judge LABEL DIR RC SCRIPT...: conform's exit status (0 or 1: it ran), its verdict lines, and
# the scripts that must have passed.
judge() {
  local label=$1 d=$2 rc=$3; shift 3
  [ "$rc" = 0 ] || [ "$rc" = 1 ] || { fail "$label: conform exited $rc"; cat "$d/conform.out"; return; }
  sed "s/^/  $label: /" "$d/conform.out"
  expect_pass "$label" "$d/verdicts.json" "$@"
  [ "$FAILED" = 0 ] && echo "ok: conform against $label"
}

# 1a. The reference LNS as the device.
run_reference_lns() {
  local d="$WORK/ref-lns"; mkdir -p "$d"
  timeout 120 ip netns exec "$NS_A" "$TS" emulate l2tp-lns --local "$ADDR_A" --secret s3cret --duration 100 \
    >"$d/lns.out" 2>&1 &
  local lpid=$!
  sleep 0.5
  timeout 110 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lns --target "$ADDR_A" --local "$ADDR_B" \
    --secret s3cret --feature tunnel-auth \
    --timeline-dir "$d/runs" --json "$d/verdicts.json" --junit "$d/junit.xml" >"$d/conform.out" 2>&1
  local rc=$?
  kill "$lpid" 2>/dev/null; wait "$lpid" 2>/dev/null
  if [ "$rc" != 0 ]; then fail "reference LNS: conform exited $rc"; cat "$d/conform.out"; return; fi
  local n; n=$(ls "$d/runs"/*.pcap 2>/dev/null | wc -l)
  [ "$n" -ge 7 ] && [ "$(ls "$d/runs"/*.txt | wc -l)" = "$n" ] || fail "reference LNS: $n pcaps, timelines missing"
  grep -q '"artefacts":\[' "$d/verdicts.json" || fail "reference LNS: no artefacts in the JSON verdicts"
  grep -q 'StopCCN' "$d/runs/l2tp.lns-establish.txt" || fail "reference LNS: the device was not left clean (no StopCCN)"
  grep -q ' 0 inconclusive' "$d/conform.out" || fail "reference LNS: scripts were inconclusive (tunnel-auth claimed)"
  # The recordings judged again, without the device: the same verdicts.
  "$TS" conform --suite l2tp.lns --capture-dir "$d/runs" --target "$ADDR_A" --secret s3cret --feature tunnel-auth \
    >"$d/recorded.out" 2>&1
  [ "$(tail -1 "$d/recorded.out")" = "$(tail -1 "$d/conform.out")" ] ||
    { fail "reference LNS: the recordings judged again differ"; cat "$d/recorded.out"; }
  [ "$FAILED" = 0 ] && echo "ok: conform l2tp.lns against the reference LNS ($(tail -1 "$d/conform.out"))"
}

# caller_profile FILE ROLE: a device profile whose call-trigger starts our reference ROLE
# (l2tp-lac, pptp-pns) anew in namespace A for each script; it calls at once.
caller_profile() {
  printf 'name = tunnelscope-%s\ntarget = %s\nlocal = %s\n' "$2" "$ADDR_A" "$ADDR_B" >"$1"
  printf 'call-trigger = exec ip netns exec %s %s emulate %s --local %s --peer %s --hold 60 --duration 60 -q >/dev/null 2>&1\n' \
    "$NS_A" "$TS" "$2" "$ADDR_A" "$ADDR_B" >>"$1"
}

# 1b. The reference LAC as the device: each script's call-trigger starts it in namespace A.
run_reference_lac() {
  local d="$WORK/ref-lac"; mkdir -p "$d"
  caller_profile "$d/profile" l2tp-lac
  timeout 110 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lac --profile "$d/profile" --script establish \
    --script incoming_call --script sccrq_retransmitted --pcap-dir "$d/runs" --json "$d/verdicts.json" \
    >"$d/conform.out" 2>&1
  local rc=$?
  if [ "$rc" != 0 ]; then fail "reference LAC: conform exited $rc"; cat "$d/conform.out"; return; fi
  [ "$FAILED" = 0 ] && echo "ok: conform l2tp.lac against the reference LAC ($(tail -1 "$d/conform.out"))"
}

# 1c. The reference PAC (serving until stopped) and the reference PNS (started by the trigger):
# the scripts that take under a minute; the Echo timing scripts (60 s idle each) run against
# pptpd below and in simulation.
PPTP_QUICK_PAC="--script establish --script bad_length --script bad_magic_cookie --script ccrq_cdn --script echo_answered --script gre_acknowledged --script gre_sequence --script ocrq_answered --script set_link_info --script stop_answered --script unknown_call_id --script unknown_message_type --script version_unsupported"
run_reference_pptp() {
  local d="$WORK/ref-pptp"; mkdir -p "$d"
  timeout 200 ip netns exec "$NS_A" "$TS" emulate pptp-pac --local "$ADDR_A" --peer "$ADDR_B" --serve --duration 180 \
    -q >"$d/pac.out" 2>&1 &
  local ppid=$!
  sleep 0.5
  # shellcheck disable=SC2086
  timeout 180 ip netns exec "$NS_B" "$TS" conform --suite pptp.pac --target "$ADDR_A" --local "$ADDR_B" \
    $PPTP_QUICK_PAC --pcap-dir "$d/pac-runs" --json "$d/pac.json" >"$d/pac-conform.out" 2>&1
  local rc=$?
  kill "$ppid" 2>/dev/null; wait "$ppid" 2>/dev/null
  if [ "$rc" != 0 ]; then fail "reference PAC: conform exited $rc"; cat "$d/pac-conform.out"; return; fi
  caller_profile "$d/pns.profile" pptp-pns
  timeout 180 ip netns exec "$NS_B" "$TS" conform --suite pptp.pns --profile "$d/pns.profile" --script establish \
    --script echo_answered --script icrq_answered --script stop_answered --script unknown_message_type \
    --pcap-dir "$d/pns-runs" --json "$d/pns.json" >"$d/pns-conform.out" 2>&1
  rc=$?
  if [ "$rc" != 0 ]; then fail "reference PNS: conform exited $rc"; cat "$d/pns-conform.out"; return; fi
  echo "ok: conform pptp.pac and pptp.pns against the reference PAC and PNS ($(tail -1 "$d/pac-conform.out"); $(tail -1 "$d/pns-conform.out"))"
}

# 1c. A device that does not answer: every script fails or errs within its windows, no hang.
run_silent_device() {
  local d="$WORK/silent"; mkdir -p "$d"
  timeout 60 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lns --target "$ADDR_A" --local "$ADDR_B" \
    --script establish --script stopccn_acknowledged --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  [ "$rc" = 1 ] || { fail "silent device: conform exited $rc, not 1"; cat "$d/conform.out"; return; }
  [ "$(verdict "$d/verdicts.json" establish.pkt)" = fail ] || fail "silent device: establish did not fail"
  [ "$FAILED" = 0 ] && echo "ok: a silent device fails the scripts (exit 1)"
}

# 2a. xl2tpd as the LNS.
run_xl2tpd_lns() {
  local d="$WORK/xl2tpd-lns"
  start_xl2tpd "$d" "$NS_A" "$(xl2tpd_lns_conf "$d")" "--server --auth mschapv2 --hold 600 --duration 200"
  sleep 0.5
  timeout 200 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lns --target "$ADDR_A" --local "$ADDR_B" \
    --timeline-dir "$d/runs" --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  stop_xl2tpd "$NS_A"
  judge xl2tpd-lns "$d" "$rc" establish.pkt icrq_answered.pkt stopccn_acknowledged.pkt
}

# 2b. xl2tpd as the LAC, told to call through its control FIFO by the call-trigger.
run_xl2tpd_lac() {
  local d="$WORK/xl2tpd-lac"; mkdir -p "$d"
  start_xl2tpd "$d" "$NS_A" "$(xl2tpd_lac_conf "$d" "$ADDR_B")" "--auth mschapv2 --hold 600 --duration 200"
  cat >"$d/profile" <<PROFILE
name         = xl2tpd-lac
target       = $ADDR_A
local        = $ADDR_B
settle       = 1
call-trigger = echo 'c ts' > $d/control
PROFILE
  timeout 250 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lac --profile "$d/profile" \
    --timeline-dir "$d/runs" --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  stop_xl2tpd "$NS_A"
  judge xl2tpd-lac "$d" "$rc" establish.pkt incoming_call.pkt
}

# 2d. pptpd as the PAC (its pppd: the PPP stand-in): the whole pptp.pac suite.
run_pptpd_pac() {
  local d="$WORK/pptpd"
  start_pptpd "$d" "$NS_A" "$ADDR_A" || { fail "pptpd did not listen"; tail -15 "$d/pptpd.out"; return; }
  timeout 600 ip netns exec "$NS_B" "$TS" conform --suite pptp.pac --target "$ADDR_A" --local "$ADDR_B" \
    --timeline-dir "$d/runs" --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  stop_pptpd "$NS_A"
  judge pptpd-pac "$d" "$rc" establish.pkt echo_answered.pkt ocrq_answered.pkt stop_answered.pkt
}

# 2c. The SoftEther VPN server as the LNS (raw L2TP, its own PPP). A fresh server for each
# script: after a tunnel cleared before its SCCCN, SoftEther ignores every SCCRQ from the same
# address for minutes (docs/interop.md), which would decide the verdicts of later scripts.
run_softether_lns() {
  local d="$WORK/softether" s name
  mkdir -p "$d"
  for s in "$(dirname "$0")"/../../conformance/suites/l2tp/lns/*.pkt; do
    name=$(basename "$s" .pkt)
    if ! start_softether "$d/$name" "$NS_A"; then
      fail "SoftEther did not come up"; tail -15 "$d/$name/vpnserver.out" "$d/$name/vpncmd.out"
      stop_softether "$NS_A"; return
    fi
    timeout 100 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lns --script "$name" --target "$ADDR_A" \
      --local "$ADDR_B" --username "$SOFTETHER_USER" --password "$SOFTETHER_PASSWORD" \
      --timeline-dir "$d/runs" --json "$d/$name.json" >"$d/$name.out" 2>&1
    local rc=$?
    stop_softether "$NS_A"
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || { fail "SoftEther LNS: conform $name exited $rc"; cat "$d/$name.out"; return; }
    head -1 "$d/$name.out" | sed 's/^/  softether-lns: /'
    cat "$d/$name.json" >>"$d/verdicts.json"
  done
  expect_pass "SoftEther LNS" "$d/verdicts.json" establish.pkt hello_acknowledged.pkt icrq_answered.pkt
  [ "$FAILED" = 0 ] && echo "ok: conform l2tp.lns against SoftEther"
}

if [ "$PART" != interop ]; then
  run_reference_lns
  run_reference_lac
  run_reference_pptp
  run_silent_device
fi
if [ "$PART" != reference ]; then
  missing=$(xl2tpd_missing)
  if [ -n "$missing" ]; then
    echo "SKIP: xl2tpd conformance ($missing)"
  else
    run_xl2tpd_lns
    run_xl2tpd_lac
  fi
  missing=$(pptpd_missing)
  if [ -n "$missing" ]; then echo "SKIP: pptpd conformance ($missing)"; else run_pptpd_pac; fi
  missing=$(softether_missing)
  if [ -n "$missing" ]; then echo "SKIP: SoftEther conformance ($missing)"; else run_softether_lns; fi
fi

if [ "$FAILED" != 0 ]; then echo "live conformance FAILED"; exit 1; fi
echo "live conformance passed"
