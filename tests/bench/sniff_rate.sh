#!/usr/bin/env bash
# Benchmark of `tunnelscope sniff` (docs/performance.md, "Live capture"): the highest replay
# rate at which sniff loses nothing. A simulated L2TP capture is replayed with tcpreplay
# --pps RATE (looped to about PACKETS packets per trial) into one end of a veth pair in a
# network namespace; sniff (default filter, --buffer-size BUFFER_KIB, JSON Lines to a file)
# listens on the other end. A rate passes when sniff reports no kernel or interface drop AND
# analysed every packet sent (the second catches losses outside libpcap's counters, such as
# the kernel's per-CPU backlog). Rates are tried from low to high; the result is the highest
# that passed before the first failure, then the top-speed figure.
#   usage: sniff_rate.sh TUNNELSCOPE [RATE...]      (root; not a CTest: the figure is recorded)
#   env:   PACKETS (default 200000), BUFFER_KIB (default 65536), SNAPLEN (default 262144)
set -u
TS=${1:?usage: sniff_rate.sh TUNNELSCOPE [RATE...]}
TS=$(readlink -f "$TS"); shift
RATES=${*:-"10000 20000 40000 60000 80000 100000 150000 200000 300000"}
PACKETS=${PACKETS:-200000}
BUFFER_KIB=${BUFFER_KIB:-65536}
SNAPLEN=${SNAPLEN:-262144}
TAG_PREFIX=tsb
. "$(dirname "$0")/../live/netns.sh"

"$TS" simulate l2tp --sessions 20 --pings 100 --hold 110 --seed 5 --pcap "$WORK/bench.pcap" >/dev/null || exit 1
N=$("$TS" analyze --format json "$WORK/bench.pcap" | jq -s '[.[] | select(.record == "summary")][0].inputs[0].frames')
LOOPS=$(( (PACKETS + N - 1) / N ))
SENT=$(( LOOPS * N ))
echo "capture: $N packets, looped $LOOPS times: $SENT packets per trial; buffer $BUFFER_KIB KiB, snaplen $SNAPLEN"
echo "machine: $(nproc) cores online, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

# trial RATE_ARGS: prints "analysed kernel_drops interface_drops tcpreplay_rate".
trial() {
  local out="$WORK/trial.jsonl"
  timeout 600 ip netns exec "$NS_B" "$TS" sniff -i "$VETH_B" --format json --buffer-size "$BUFFER_KIB" --snaplen "$SNAPLEN" \
    --stats-interval 0 -o "$out" 2>/dev/null &
  local spid=$!
  sleep 1
  # shellcheck disable=SC2086
  local rate
  rate=$(timeout 600 ip netns exec "$NS_A" tcpreplay -i "$VETH_A" $1 --loop "$LOOPS" "$WORK/bench.pcap" 2>&1 |
    sed -n 's/.*Rated: [0-9.]* Bps, [0-9.]* Mbps, \([0-9.]*\) pps.*/\1/p')
  sleep 1
  kill -INT "$spid"; wait "$spid"
  jq -r --arg r "${rate:-?}" 'select(.record == "capture_stats" and .final) |
    "\(.analysed) \(.kernel_drops) \(.interface_drops) \($r)"' "$out"
}

best=0
printf '%12s %12s %10s %12s %12s  %s\n' "rate (pps)" "achieved" "analysed" "kernel drops" "if drops" "verdict"
for r in $RATES; do
  read -r analysed kernel ifd achieved < <(trial "--pps $r")
  if [ "$analysed" = "$SENT" ] && [ "$kernel" = 0 ] && [ "$ifd" = 0 ]; then v=ok; best=$r; else v=LOSS; fi
  printf '%12s %12s %10s %12s %12s  %s\n' "$r" "$achieved" "$analysed" "$kernel" "$ifd" "$v"
  [ "$v" = ok ] || break
done
read -r analysed kernel ifd achieved < <(trial "--topspeed")
v=$([ "$analysed" = "$SENT" ] && [ "$kernel" = 0 ] && [ "$ifd" = 0 ] && echo ok || echo LOSS)
printf '%12s %12s %10s %12s %12s  %s\n' "topspeed" "$achieved" "$analysed" "$kernel" "$ifd" "$v"
echo "highest rate without loss: $best packets/s"
