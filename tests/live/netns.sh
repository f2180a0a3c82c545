# Shared by the live test scripts (sourced): root and `ip netns` checks (SKIP otherwise),
# two network namespaces NS_A (ADDR_A) and NS_B (ADDR_B) joined by a veth pair, a WORK
# directory, cleanup of both on exit (KEEP=1 keeps WORK), and fail(). Needs TS set.
if [ "$(id -u)" != 0 ]; then echo "SKIP: not root"; exit 0; fi
if ! command -v ip >/dev/null || ! timeout 5 ip netns list >/dev/null 2>&1; then
  echo "SKIP: ip netns is unavailable"; exit 0
fi

TAG="${TAG_PREFIX:-tsl}$$"
NS_A="${TAG}a"; NS_B="${TAG}b"
VETH_A="${TAG}va"; VETH_B="${TAG}vb"
ADDR_A=10.97.$(( $$ % 200 + 1 )).1
ADDR_B=10.97.$(( $$ % 200 + 1 )).2
WORK=$(mktemp -d /tmp/ts-live.XXXXXX)

cleanup() {
  for ns in "$NS_A" "$NS_B"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null; done
  done
  sleep 0.2
  for ns in "$NS_A" "$NS_B"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    timeout 10 ip netns del "$ns" 2>/dev/null
  done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

setup() {
  timeout 10 ip netns add "$NS_A" && timeout 10 ip netns add "$NS_B" &&
  timeout 10 ip link add "$VETH_A" type veth peer name "$VETH_B" &&
  timeout 10 ip link set "$VETH_A" netns "$NS_A" && timeout 10 ip link set "$VETH_B" netns "$NS_B" &&
  timeout 10 ip -n "$NS_A" addr add "$ADDR_A/24" dev "$VETH_A" &&
  timeout 10 ip -n "$NS_B" addr add "$ADDR_B/24" dev "$VETH_B" &&
  timeout 10 ip -n "$NS_A" link set "$VETH_A" up && timeout 10 ip -n "$NS_B" link set "$VETH_B" up &&
  timeout 10 ip -n "$NS_A" link set lo up && timeout 10 ip -n "$NS_B" link set lo up
}
if ! setup; then echo "SKIP: cannot create network namespaces and a veth pair"; exit 0; fi

# stop_in_ns PID NS: stops a daemon started in the background (PID: the job, typically its
# `timeout` wrapper) and everything else running in NS: SIGTERM to all, up to 5 s to go,
# then SIGKILL. Bounded on purpose: xl2tpd has been seen (CI, once) to miss a SIGTERM and
# sit in select() until its own time limit, far beyond the test's.
stop_in_ns() {
  local main=$1 ns=$2 pid i
  kill "$main" 2>/dev/null
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null; done
  for i in $(seq 50); do
    [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && ! still_running "$main" && break
    sleep 0.1
  done
  if [ -n "$(ip netns pids "$ns" 2>/dev/null)" ] || still_running "$main"; then
    echo "note: $ns: still running 5 s after SIGTERM, sent SIGKILL" >&2
  fi
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  still_running "$main" && kill -9 "$main" 2>/dev/null
  wait "$main" 2>/dev/null
}
# still_running PID: the process exists and is not a zombie waiting to be reaped.
still_running() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z ' "/proc/$1/stat" 2>/dev/null; }

FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }

