#!/usr/bin/env bash
# Live tests of `tunnelscope sniff` (docs/sniff.md): simulated captures are replayed with
# tcpreplay into one end of a veth pair (namespace A) while `sniff` listens on the other end
# (namespace B).
#  1. errors: unknown interface, bad filter -> exit 2 with a clear message (no permission: as
#     an unprivileged user, when one exists).
#  2. match: simulated L2TP and PPTP captures (one lossy) and the bundled fault captures
#     replayed at their own pacing; sniff (stopped by SIGINT)
#     must report no drops, analyse every packet, and its timeline (timeline_of.sh: per
#     connection the events and the diagnostics, without times and frame numbers) must equal
#     that of `tunnelscope analyze` of the same file; -w must write every packet.
#  3. drops: a large capture replayed at top speed into a 1 KiB ring buffer: sniff must report
#     kernel drops (capture_stats and standard error), and what it analysed plus what it
#     reports dropped must not exceed what was sent.
#   usage: run_sniff_tests.sh TUNNELSCOPE
# Needs root, `ip netns`, tcpreplay and jq; otherwise prints "SKIP: <reason>" and succeeds.
set -u
TS=${1:?usage: run_sniff_tests.sh TUNNELSCOPE}
TS=$(readlink -f "$TS")
for tool in tcpreplay jq; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 0; }
done
TAG_PREFIX=tss
. "$(dirname "$0")/netns.sh"
. "$(dirname "$0")/timeline_of.sh"

# frames FILE: packets in a capture (from the offline analysis).
frames() { "$TS" analyze --format json "$1" | jq -s '[.[] | select(.record == "summary")][0].inputs[0].frames'; }
# final FILE FIELD: a field of the final capture_stats record.
final() { jq -s "[.[] | select(.record == \"capture_stats\" and .final)][0].$2" "$1"; }

# sniff_replay NAME PCAP SNIFF_ARGS TCPREPLAY_ARGS: sniff in B, replay in A, SIGINT to stop.
sniff_replay() {
  local name=$1 pcap=$2 sargs=$3 rargs=$4 d="$WORK/$1"
  mkdir -p "$d"
  # shellcheck disable=SC2086
  timeout 300 ip netns exec "$NS_B" "$TS" sniff -i "$VETH_B" --format json -o "$d/live.jsonl" $sargs \
    2>"$d/sniff.err" &
  local spid=$!
  sleep 1
  # shellcheck disable=SC2086
  timeout 280 ip netns exec "$NS_A" tcpreplay -i "$VETH_A" $rargs "$pcap" >"$d/tcpreplay.out" 2>&1 ||
    fail "$name: tcpreplay failed: $(tail -3 "$d/tcpreplay.out")"
  sleep 1
  kill -INT "$spid"
  wait "$spid"; local rc=$?
  [ "$rc" = 0 ] || fail "$name: sniff exited $rc: $(cat "$d/sniff.err")"
}

# 1. Errors.
expect_error() {
  local name=$1 pattern=$2; shift 2
  local out rc
  out=$("$@" 2>&1 >/dev/null); rc=$?
  [ "$rc" = 2 ] || fail "$name: exit $rc, expected 2"
  echo "$out" | grep -q "$pattern" || fail "$name: message '$out' does not say '$pattern'"
  [ "$rc" = 2 ] && echo "ok: $name ($out)"
}
expect_error "unknown interface" "no such interface 'nosuch0'" \
  ip netns exec "$NS_B" "$TS" sniff -i nosuch0 --count 1
expect_error "bad filter" "bad filter 'udp port banana'" \
  ip netns exec "$NS_B" "$TS" sniff -i "$VETH_B" --filter "udp port banana" --count 1
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
  expect_error "no permission" "no permission to capture on 'lo'" \
    setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$TS" sniff -i lo --count 1
fi

# 2. The live timeline matches the offline analysis.
# match NAME PCAP: replays PCAP at its own pacing (tcpreplay --multiplier 1) and compares.
# The pacing matters: the analyzer judges timing in capture time (e.g. a control message is
# only "never acknowledged" if it was sent more than a second before the capture ended), so
# a replay that squeezes the capture (--pps, --topspeed) can rightly change such verdicts.
match() {
  local name=$1 pcap=$2 d="$WORK/$1"
  sniff_replay "$name" "$pcap" "-w $d/copy.pcap" "--multiplier 1"
  local sent analysed drops
  sent=$(frames "$pcap"); analysed=$(final "$d/live.jsonl" analysed)
  drops=$(( $(final "$d/live.jsonl" kernel_drops) + $(final "$d/live.jsonl" interface_drops) ))
  [ "$drops" = 0 ] || fail "$name: $drops drops reported"
  [ "$analysed" = "$sent" ] || fail "$name: analysed $analysed of $sent packets"
  [ "$(frames "$d/copy.pcap")" = "$sent" ] || fail "$name: -w wrote $(frames "$d/copy.pcap") of $sent packets"
  "$TS" analyze --format json "$pcap" >"$d/offline.jsonl"
  timeline_of "$d/offline.jsonl" >"$d/offline.timeline"
  timeline_of "$d/live.jsonl" >"$d/live.timeline"
  [ -s "$d/offline.timeline" ] || fail "$name: the offline timeline is empty"
  if ! diff -u "$d/offline.timeline" "$d/live.timeline" >"$d/timeline.diff"; then
    fail "$name: the live timeline differs from the offline analysis"; head -20 "$d/timeline.diff"; return
  fi
  [ "$FAILED" = 0 ] && echo "ok: $name: $sent packets, $(grep -c $'\tevent\t' "$d/live.timeline") events and" \
    "$(grep -c $'\tdiagnostic\t' "$d/live.timeline") diagnostics as offline, no drops"
}
# Simulated runs (clean, and lossy: retransmissions) and the bundled fault captures (made by
# tests/tools/make_captures: diagnostics on the timeline).
simulated() {
  local name=$1; shift
  mkdir -p "$WORK/$name"
  "$TS" simulate "$@" --pcap "$WORK/$name/sim.pcap" >"$WORK/$name/simulate.out"
  [ -s "$WORK/$name/sim.pcap" ] || { fail "$name: simulate wrote no capture"; return; }
  match "$name" "$WORK/$name/sim.pcap"
}
simulated l2tp l2tp --sessions 3 --hold 5 --seed 7
simulated pptp pptp --sessions 3 --hold 5 --seed 7
simulated l2tp-lossy l2tp --sessions 3 --hold 5 --seed 7 --loss 0.1
SRC=$(dirname "$0")/../..
for f in l2tp_faults pptp_faults; do mkdir -p "$WORK/$f"; match "$f" "$SRC/captures/$f.pcap"; done

# Limits: --count stops by itself after N packets (text output), --duration on a quiet link.
limits() {
  local d="$WORK/limits"; mkdir -p "$d"
  timeout 60 ip netns exec "$NS_B" "$TS" sniff -i "$VETH_B" --count 10 -o "$d/count.txt" 2>"$d/count.err" &
  local spid=$!
  sleep 1
  timeout 60 ip netns exec "$NS_A" tcpreplay -i "$VETH_A" --pps 1000 "$WORK/l2tp/sim.pcap" >/dev/null 2>&1
  wait "$spid" || fail "--count: sniff exited $?: $(cat "$d/count.err")"
  grep -q "capture  final: received [0-9]*, analysed 10," "$d/count.txt" || fail "--count: no final line for 10 packets"
  grep -q "l2tp-1   A    tunnel           SCCRQ" "$d/count.txt" || fail "--count: no SCCRQ line"
  local t0=$SECONDS
  timeout 30 ip netns exec "$NS_B" "$TS" sniff -i "$VETH_B" --duration 2 >"$d/duration.txt" 2>&1 ||
    fail "--duration: exit $?"
  [ $(( SECONDS - t0 )) -le 5 ] || fail "--duration 2 took $(( SECONDS - t0 )) s"
  grep -q "final: received 0, analysed 0" "$d/duration.txt" || fail "--duration: no final statistics line"
  [ "$FAILED" = 0 ] && echo "ok: --count 10 and --duration 2 end the capture by themselves"
}
limits

# 3. Drops at top speed into a tiny buffer are reported, never silent.
drops() {
  local d="$WORK/drops"; mkdir -p "$d"
  "$TS" simulate l2tp --sessions 50 --pings 200 --hold 210 --seed 3 --pcap "$d/big.pcap" >/dev/null ||
    { fail "drops: simulate failed"; return; }
  sniff_replay drops "$d/big.pcap" "--buffer-size 1" "--topspeed --loop 3"
  local sent analysed kernel ifdrop
  sent=$(( 3 * $(frames "$d/big.pcap") ))
  analysed=$(final "$d/live.jsonl" analysed)
  kernel=$(final "$d/live.jsonl" kernel_drops); ifdrop=$(final "$d/live.jsonl" interface_drops)
  [ "$kernel" -gt 0 ] || fail "drops: no kernel drops reported (analysed $analysed of $sent)"
  [ $(( analysed + kernel + ifdrop )) -le "$sent" ] ||
    fail "drops: analysed $analysed + dropped $kernel + $ifdrop exceeds the $sent sent"
  grep -q "packets dropped (kernel $kernel, interface $ifdrop): the timeline is incomplete" "$d/sniff.err" ||
    fail "drops: no warning on standard error: $(cat "$d/sniff.err")"
  echo "ok: drops reported: sent $sent, analysed $analysed, kernel drops $kernel, interface drops $ifdrop"
}
drops

if [ "$FAILED" != 0 ]; then echo "sniff live tests FAILED"; exit 1; fi
echo "sniff live tests passed"
