#!/usr/bin/env bash
# Live conformance runs (docs/device-profiles.md, docs/interop.md): `tunnelscope conform
# --target` against devices in a network namespace.
#  1. Our own reference endpoints as the devices (`emulate l2tp-lns`, `emulate l2tp-lac`
#     started by the profile's call-trigger): every script must pass live as it does in
#     simulation, and each must leave a pcap and an analyzer timeline.
#  2. xl2tpd as LNS and as LAC (also with tunnel authentication), the SoftEther VPN server as
#     LNS, pptpd as PAC, the pptp-linux client as PNS (when installed): the suites run and
#     their verdicts are recorded (JSON beside the pcaps; docs/interop.md has the matrix);
#     what must interoperate is asserted: establishment, the incoming call, StopCCN, the
#     answered tunnel-authentication Challenge. SoftEther's own PPP as a ppp.authenticator,
#     reached in an L2TP session (ONLY=softether_ppp).
#   usage: run_conform_live.sh TUNNELSCOPE [reference|interop]   (default: both parts)
#   ONLY="NAME..." runs only these parts (the run_NAME functions below, e.g.
#   ONLY="xl2tpd_auth pptp_client_pns"); KEEP=1 keeps the work directory; with DEEP=1,
#   SCRIPTS="NAME..." narrows the whole suites to these scripts (those a suite has).
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

# The L2TP scripts run live here: the first 16 LNS and 5 LAC scripts, whose live verdicts
# docs/interop.md publishes. The suites have grown (56 LNS, 35 LAC scripts, all run in
# simulation by the unit tests); run all of them live by hand with DEEP=1 (about half an hour
# more: give-up, Hello and back-off scripts wait a minute each).
LNS_LIVE=(duplicate_acknowledged duplicate_not_processed duplicate_sccrp_reacknowledged establish
          hello_acknowledged icrq_answered initial_timeout mandatory_avp_error_code mandatory_avp_unknown
          out_of_order_not_processed retransmit retransmit_backoff_second retransmit_until_acknowledged
          stopccn_acknowledged tunnel_auth_answered tunnel_auth_wrong_response)
LAC_LIVE=(establish hello_when_idle incoming_call sccrq_retransmitted tunnel_auth_answered)
# live_scripts NAME...: --script options for NAME... (nothing with DEEP=1: the whole suite).
live_scripts() { [ "${DEEP:-0}" = 1 ] && return; local n; for n in "$@"; do printf -- '--script %s ' "$n"; done; }
# suite_scripts SUITE_DIR: the script names of a suite (conformance/suites/SUITE_DIR), all of
# them or those of SCRIPTS.
suite_scripts() {
  local n
  for n in $(cd "$(dirname "$0")/../../conformance/suites/$1" && ls *.pkt | sed 's/\.pkt$//'); do
    [ -z "${SCRIPTS:-}" ] || [[ " $SCRIPTS " == *" $n "* ]] && echo "$n"
  done
}
# SUITE_TIME: seconds one daemon (and conform) may take for a suite: the selected scripts
# take 2-3 minutes, a whole suite (DEEP=1) about half an hour.
SUITE_TIME=200; [ "${DEEP:-0}" = 1 ] && SUITE_TIME=2400
XL2TPD_TIME=$((SUITE_TIME + 100))  # how long start_xl2tpd lets the daemon live (xl2tpd.sh)
# shellcheck disable=SC2207
LNS_ARGS=($(live_scripts "${LNS_LIVE[@]}"))
# shellcheck disable=SC2207
[ "${DEEP:-0}" = 1 ] && [ -n "${SCRIPTS:-}" ] && LNS_ARGS=($(suite_scripts l2tp/lns | sed 's/^/--script /'))
# shellcheck disable=SC2207
LAC_ARGS=($(live_scripts "${LAC_LIVE[@]}"))
# The PPTP PAC scripts run live against pptpd: the 15 whose verdicts docs/interop.md
# publishes. The suite has grown (39 PAC scripts, all run in simulation); DEEP=1 runs it all.
PAC_LIVE=(bad_length bad_magic_cookie ccrq_cdn echo_answered echo_reply_wrong_identifier echo_when_idle
          establish gre_acknowledged gre_sequence ocrq_answered set_link_info stop_answered unknown_call_id
          unknown_message_type version_unsupported)
# shellcheck disable=SC2207
PAC_ARGS=($(live_scripts "${PAC_LIVE[@]}"))
# The same for the PNS suite against the pptp-linux client (40 scripts; DEEP=1 runs it all).
PNS_LIVE=(bad_length bad_magic_cookie echo_answered echo_reply_wrong_identifier echo_when_idle establish
          gre_acknowledged gre_outgoing_call gre_sequence icrq_answered sccrp_version_unsupported stop_answered
          unknown_call_id unknown_message_type wan_error_notify)
# shellcheck disable=SC2207
PNS_ARGS=($(live_scripts "${PNS_LIVE[@]}"))

# want NAME: part run_NAME is selected (ONLY unset, or naming it).
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

# verdict FILE SCRIPT: the verdict of SCRIPT (file name) in a JSON Lines report.
verdict() { grep -o "\"script\":\"[^\"]*/$2\",\"verdict\":\"[a-z]*\"" "$1" | sed 's/.*"verdict":"\([a-z]*\)"/\1/'; }

# expect_pass NAME FILE SCRIPT...: each SCRIPT must have passed.
expect_pass() {
  local name=$1 file=$2; shift 2
  local s v
  for s in "$@"; do
    v=$(verdict "$file" "$s")
    [ -z "$v" ] && [ -n "${SCRIPTS:-}" ] && continue  # not among the SCRIPTS run
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
  timeout $((SUITE_TIME - 80)) ip netns exec "$NS_A" "$TS" emulate l2tp-lns --local "$ADDR_A" --secret s3cret \
    --duration $((SUITE_TIME - 100)) >"$d/lns.out" 2>&1 &
  local lpid=$!
  sleep 0.5
  timeout $((SUITE_TIME - 90)) ip netns exec "$NS_B" "$TS" conform --suite l2tp.lns "${LNS_ARGS[@]}" --target "$ADDR_A" \
    --local "$ADDR_B" --secret s3cret --feature tunnel-auth \
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
  "$TS" conform --suite l2tp.lns "${LNS_ARGS[@]}" --capture-dir "$d/runs" --target "$ADDR_A" --secret s3cret \
    --feature tunnel-auth \
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
# pptpd below and in simulation. Their recordings judged again (--capture-dir) must give the
# same summary line.
PPTP_QUICK_PNS="--script establish --script echo_answered --script gre_outgoing_call --script icrq_answered --script stop_answered --script unknown_message_type"
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
  # shellcheck disable=SC2086
  timeout 180 ip netns exec "$NS_B" "$TS" conform --suite pptp.pns --profile "$d/pns.profile" $PPTP_QUICK_PNS \
    --pcap-dir "$d/pns-runs" --json "$d/pns.json" >"$d/pns-conform.out" 2>&1
  rc=$?
  if [ "$rc" != 0 ]; then fail "reference PNS: conform exited $rc"; cat "$d/pns-conform.out"; return; fi
  # The recordings judged again, without the devices: the same verdicts.
  # shellcheck disable=SC2086
  "$TS" conform --suite pptp.pac --target "$ADDR_A" $PPTP_QUICK_PAC --capture-dir "$d/pac-runs" \
    >"$d/pac-recorded.out" 2>&1
  [ "$(tail -1 "$d/pac-recorded.out")" = "$(tail -1 "$d/pac-conform.out")" ] ||
    { fail "reference PAC: the recordings judged again differ"; cat "$d/pac-recorded.out"; return; }
  # shellcheck disable=SC2086
  "$TS" conform --suite pptp.pns --profile "$d/pns.profile" $PPTP_QUICK_PNS --capture-dir "$d/pns-runs" >"$d/pns-recorded.out" 2>&1
  [ "$(tail -1 "$d/pns-recorded.out")" = "$(tail -1 "$d/pns-conform.out")" ] ||
    { fail "reference PNS: the recordings judged again differ"; cat "$d/pns-recorded.out"; return; }
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
  timeout "$SUITE_TIME" ip netns exec "$NS_B" "$TS" conform --suite l2tp.lns "${LNS_ARGS[@]}" --target "$ADDR_A" \
    --local "$ADDR_B" --timeline-dir "$d/runs" --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  stop_xl2tpd "$NS_A"
  judge xl2tpd-lns "$d" "$rc" establish.pkt icrq_answered.pkt stopccn_acknowledged.pkt
}

# 2b. xl2tpd as the LAC, told to call through its control FIFO by the call-trigger. With DEEP=1
# each script gets a fresh daemon: a script that leaves xl2tpd's tunnel half open (an OCRQ it
# does not answer, a refused SCCRP) would otherwise keep `c ts` from placing a new call, and
# every later script would fail on the missing SCCRQ, which says nothing about them.
run_xl2tpd_lac() {
  local d="$WORK/xl2tpd-lac"; mkdir -p "$d"
  cat >"$d/profile" <<PROFILE
name         = xl2tpd-lac
target       = $ADDR_A
local        = $ADDR_B
settle       = 1
call-trigger = echo 'c ts' > $d/control
PROFILE
  local groups=("${LAC_ARGS[*]}") rc=0 one
  [ "${DEEP:-0}" = 1 ] &&
    mapfile -t groups < <(suite_scripts l2tp/lac | sed 's/^/--script /')
  : >"$d/conform.out"; : >"$d/verdicts.json"
  for one in "${groups[@]}"; do
    start_xl2tpd "$d" "$NS_A" "$(xl2tpd_lac_conf "$d" "$ADDR_B")" "--auth mschapv2 --hold 600 --duration 200"
    # shellcheck disable=SC2086
    timeout $((SUITE_TIME + 50)) ip netns exec "$NS_B" "$TS" conform --suite l2tp.lac $one --profile "$d/profile" \
      --timeline-dir "$d/runs" --json "$d/one.json" >"$d/one.out" 2>&1
    rc=$?
    stop_xl2tpd "$NS_A"
    cat "$d/one.out" >>"$d/conform.out"; cat "$d/one.json" >>"$d/verdicts.json"
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || break
  done
  judge xl2tpd-lac "$d" "$rc" establish.pkt incoming_call.pkt
}

# 2e. xl2tpd with tunnel authentication (RFC 2661 5.1.1; its `auth file` with our shared
# secret and `challenge = yes`), as the LNS and as the LAC: the scripts that require
# tunnel-auth, with a profile that claims it and gives the secret.
XL2TPD_SECRET=tunnel-s3cret
run_xl2tpd_auth() {
  local d="$WORK/xl2tpd-auth-lns"
  start_xl2tpd "$d" "$NS_A" "$(xl2tpd_lns_conf "$d" "$XL2TPD_SECRET")" "--server --hold 600 --duration 100"
  sleep 0.5
  timeout 100 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lns --target "$ADDR_A" --local "$ADDR_B" \
    --secret "$XL2TPD_SECRET" --feature tunnel-auth --script tunnel_auth_answered --script tunnel_auth_wrong_response \
    --script establish --timeline-dir "$d/runs" --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  stop_xl2tpd "$NS_A"
  judge xl2tpd-lns-auth "$d" "$rc" tunnel_auth_answered.pkt tunnel_auth_wrong_response.pkt establish.pkt
  d="$WORK/xl2tpd-auth-lac"; mkdir -p "$d"
  start_xl2tpd "$d" "$NS_A" "$(xl2tpd_lac_conf "$d" "$ADDR_B" "$XL2TPD_SECRET")" "--hold 600 --duration 100"
  cat >"$d/profile" <<PROFILE
name         = xl2tpd-lac-auth
target       = $ADDR_A
local        = $ADDR_B
secret       = $XL2TPD_SECRET
features     = tunnel-auth
settle       = 1
call-trigger = echo 'c ts' > $d/control
PROFILE
  timeout 100 ip netns exec "$NS_B" "$TS" conform --suite l2tp.lac --profile "$d/profile" \
    --script tunnel_auth_answered --script establish --timeline-dir "$d/runs" --json "$d/verdicts.json" \
    >"$d/conform.out" 2>&1
  rc=$?
  stop_xl2tpd "$NS_A"
  judge xl2tpd-lac-auth "$d" "$rc" tunnel_auth_answered.pkt establish.pkt
}

# 2d. pptpd as the PAC (its pppd: the PPP stand-in): the pptp.pac scripts of PAC_LIVE
# (DEEP=1: the whole suite, with more time).
run_pptpd_pac() {
  local d="$WORK/pptpd"
  start_pptpd "$d" "$NS_A" "$ADDR_A" || { fail "pptpd did not listen"; tail -15 "$d/pptpd.out"; return; }
  timeout "$([ "${DEEP:-0}" = 1 ] && echo 1200 || echo 600)" ip netns exec "$NS_B" "$TS" conform --suite pptp.pac \
    --target "$ADDR_A" --local "$ADDR_B" "${PAC_ARGS[@]}" --timeline-dir "$d/runs" --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  stop_pptpd "$NS_A"
  judge pptpd-pac "$d" "$rc" establish.pkt echo_answered.pkt ocrq_answered.pkt stop_answered.pkt
}

# 2f. The pptp-linux client as the PNS: each script's call-trigger starts
# `pptp --nolaunchpppd` in namespace A towards us, its HDLC PPP stdio joined by socat to our
# PPP peer (`emulate ppp --stdio-hdlc`, the client side), with a private /var/run/pptp so that
# its call manager is this script's alone. Its timers keep their defaults: Echo-Request after
# 60 s idle (--idle-wait, RFC 2637 3.1.4). When the script ends the harness sends SIGTERM to the
# trigger's process group (timeout passes it on to socat, pptp and its call manager).
pptp_client_missing() {
  local c
  for c in pptp socat unshare; do command -v $c >/dev/null || { echo "$c not installed"; return; }; done
}
run_pptp_client_pns() {
  local d="$WORK/pptp-client"; mkdir -p "$d" /var/run/pptp
  # No script answers the client's LCP: our PPP peer gives up after 10 Configure-Requests
  # (30 s, RFC 1661 Max-Configure), which would end socat and so the client. It is started
  # again (5 x 30 s: the trigger's 150 s), so that the client's own timers decide.
  cat >"$d/ppp.sh" <<PPP
#!/bin/sh
for i in 1 2 3 4 5; do "$TS" emulate ppp --stdio-hdlc --hold 150 --duration 150 2>>"$d/ppp.out"; done
PPP
  cat >"$d/trigger.sh" <<TRIGGER
#!/bin/sh
mount -t tmpfs pptp /var/run/pptp || exit 2
exec timeout 150 ip netns exec "$NS_A" socat "EXEC:pptp $ADDR_B --nolaunchpppd --nohostroute" "EXEC:$d/ppp.sh"
TRIGGER
  chmod +x "$d/ppp.sh" "$d/trigger.sh"
  cat >"$d/profile" <<PROFILE
name         = pptp-linux
target       = $ADDR_A
local        = $ADDR_B
call-trigger = exec unshare -m --propagation private $d/trigger.sh 2>>$d/trigger.out
PROFILE
  timeout "$([ "${DEEP:-0}" = 1 ] && echo 1800 || echo 900)" ip netns exec "$NS_B" "$TS" conform --suite pptp.pns \
    --profile "$d/profile" "${PNS_ARGS[@]}" --timeline-dir "$d/runs" --json "$d/verdicts.json" >"$d/conform.out" 2>&1
  local rc=$?
  judge pptp-linux-pns "$d" "$rc" establish.pkt echo_answered.pkt stop_answered.pkt sccrp_version_unsupported.pkt
  # Each client ended with its script: no client of an earlier script calls into a later one
  # (one SCCRQ per recording; the client itself calls again at once when its connection ends
  # before an SCCRP it accepts: after the malformed SCCRP of bad_length, and after the
  # closing StopCCRQ of the scripts that never answer its SCCRQ, run with DEEP=1), and
  # nothing is left in the namespace at the end.
  local t n
  for t in "$d"/runs/*.txt; do
    n=$(grep -c ' SCCRQ ver=' "$t")
    case "$t" in
      */pptp.pns-bad_length.txt | */pptp.pns-icrq_before_sccrp.txt | */pptp.pns-sccrq_maximum_channels.txt)
        [ "$n" -le 2 ] ;;
      *) [ "$n" = 1 ] ;;
    esac ||
      fail "pptp-linux: $n control connections in $(basename "$t")"
  done
  local expected=${#PNS_LIVE[@]}
  [ "${DEEP:-0}" = 1 ] && expected=$(ls "$(dirname "$0")"/../../conformance/suites/pptp/pns/*.pkt | wc -l)
  [ "$(ls "$d"/runs/*.txt | wc -l)" = "$expected" ] ||
    fail "pptp-linux: a timeline per script missing"
  for n in $(seq 20); do [ -z "$(ip netns pids "$NS_A")" ] && break; sleep 0.1; done
  [ -z "$(ip netns pids "$NS_A")" ] || fail "pptp-linux: processes left: $(ip netns pids "$NS_A" | xargs)"
}

# 2c. The SoftEther VPN server as the LNS (raw L2TP, its own PPP). A fresh server for each
# script: after a tunnel cleared before its SCCCN, SoftEther ignores every SCCRQ from the same
# address for minutes (docs/interop.md), which would decide the verdicts of later scripts.
run_softether_lns() {
  local d="$WORK/softether" name
  mkdir -p "$d"
  local names=("${LNS_LIVE[@]}")
  [ "${DEEP:-0}" = 1 ] && names=($(suite_scripts l2tp/lns))
  for name in "${names[@]}"; do
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

# 2g. The SoftEther VPN server's own user-space PPP as the device (ppp.authenticator): the
# script's PPP rides in an L2TP session that our reference LAC opens to SoftEther
# (ppp-transport = l2tp, docs/device-profiles.md). SoftEther offers EAP, MS-CHAPv2 and PAP,
# not CHAP-MD5, waits for the peer's LCP Configure-Request (passive), and rejects ACCM,
# Magic-Number, PFC and ACFC: scripts that require auth-chap-md5, lcp-active, lcp-accm,
# lcp-magic-number or lcp-pfc-acfc are inconclusive (they run without a server). A fresh
# server for each script that runs: after a tunnel whose PPP did not come up is stopped,
# SoftEther ignores further SCCRQs from the same address (docs/interop.md, findings 4, 14).
# PPP_LIVE run in CI; DEEP=1 runs the whole suite (docs/interop.md has the verdicts). What
# must interoperate: LCP establishment, MS-CHAPv2 with the right password and refused with
# a wrong one, IPCP address assignment, Terminate.
PPP_LIVE=(mschapv2_success mschapv2_wrong_password mschapv2_ipcp_address terminate_ack lcp_ack_options chap_md5_success)
SOFTETHER_PPP_FEATURES="auth-pap auth-mschap-v2 auth-eap"
# ppp_runs_live SCRIPT: every feature SCRIPT requires is claimed for SoftEther.
ppp_runs_live() {
  local f
  for f in $(sed -n 's/^requires //p' "$(dirname "$0")/../../conformance/suites/ppp/authenticator/$1.pkt"); do
    [[ " $SOFTETHER_PPP_FEATURES " == *" $f "* ]] || return 1
  done
}
run_softether_ppp() {
  local d="$WORK/softether-ppp" name rc
  mkdir -p "$d"
  cat >"$d/profile" <<PROFILE
name          = softether-ppp
target        = $ADDR_A
local         = $ADDR_B
ppp-transport = l2tp
username      = $SOFTETHER_USER
password      = $SOFTETHER_PASSWORD
features      = $SOFTETHER_PPP_FEATURES
PROFILE
  local names=("${PPP_LIVE[@]}")
  # shellcheck disable=SC2207
  [ "${DEEP:-0}" = 1 ] && names=($(suite_scripts ppp/authenticator))
  for name in "${names[@]}"; do
    if ppp_runs_live "$name"; then
      if ! start_softether "$d/$name" "$NS_A"; then
        fail "SoftEther did not come up"; tail -15 "$d/$name/vpnserver.out" "$d/$name/vpncmd.out"
        stop_softether "$NS_A"; return
      fi
    fi
    timeout 120 ip netns exec "$NS_B" "$TS" conform --suite ppp.authenticator --script "$name" --profile "$d/profile" \
      --timeline-dir "$d/runs" --json "$d/$name.json" >"$d/$name.out" 2>&1
    rc=$?
    ppp_runs_live "$name" && stop_softether "$NS_A"
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || { fail "SoftEther PPP: conform $name exited $rc"; cat "$d/$name.out"; return; }
    head -1 "$d/$name.out" | sed 's/^/  softether-ppp: /'
    cat "$d/$name.json" >>"$d/verdicts.json"
  done
  expect_pass "SoftEther PPP" "$d/verdicts.json" mschapv2_success.pkt mschapv2_wrong_password.pkt \
    mschapv2_ipcp_address.pkt terminate_ack.pkt lcp_ack_options.pkt
  # A method SoftEther does not offer is not held against it.
  [ "$(verdict "$d/verdicts.json" chap_md5_success.pkt)" = inconclusive ] ||
    fail "SoftEther PPP: chap_md5_success is not inconclusive (auth-chap-md5 is not claimed)"
  # The recording holds the L2TP conversation and the PPP in it, and the device left clean.
  local t=$d/runs/ppp.authenticator-mschapv2_success.txt
  grep -q 'CHAP Success' "$t" && grep -q 'StopCCN' "$t" || fail "SoftEther PPP: the timeline lacks CHAP Success or StopCCN"
  [ "$FAILED" = 0 ] && echo "ok: conform ppp.authenticator against SoftEther's PPP in L2TP"
}

# run_part NAME MISSING: run_NAME when selected, or SKIP with MISSING (why it cannot run).
run_part() {
  want "$1" || return 0
  if [ -n "$2" ]; then echo "SKIP: $1 conformance ($2)"; else "run_$1"; fi
}

if [ "$PART" != interop ]; then
  for part in reference_lns reference_lac reference_pptp silent_device; do run_part $part ""; done
fi
if [ "$PART" != reference ]; then
  missing=$(xl2tpd_missing)
  for part in xl2tpd_lns xl2tpd_lac xl2tpd_auth; do run_part $part "$missing"; done
  run_part pptpd_pac "$(pptpd_missing)"
  run_part pptp_client_pns "$(pptp_client_missing)"
  run_part softether_lns "$(softether_missing)"
  run_part softether_ppp "$(softether_missing)"
fi

if [ "$FAILED" != 0 ]; then echo "live conformance FAILED"; exit 1; fi
echo "live conformance passed"
