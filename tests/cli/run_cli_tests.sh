#!/usr/bin/env bash
# The command line's contract: exit codes, messages for bad input, stdin, -o, several files.
#   run_cli_tests.sh TUNNELSCOPE SOURCE_DIR
set -u
ts=$1
cd "$2" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

expect() {  # name, expected exit code, expected stderr substring (or ""), command...
  local name=$1 want=$2 msg=$3
  shift 3
  "$@" > "$tmp/out" 2> "$tmp/err"
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: $name: exit $rc, expected $want"; head -3 "$tmp/err"; fail=$((fail + 1)); return
  fi
  if [ -n "$msg" ] && ! grep -qF -- "$msg" "$tmp/err"; then
    echo "FAIL: $name: stderr lacks '$msg'"; head -3 "$tmp/err"; fail=$((fail + 1)); return
  fi
  if [ -z "$msg" ] && [ -s "$tmp/err" ]; then
    echo "FAIL: $name: unexpected stderr"; head -3 "$tmp/err"; fail=$((fail + 1)); return
  fi
  pass=$((pass + 1))
}

expect "clean capture" 0 "" "$ts" analyze captures/l2tp_incoming_call_chap.pcap
expect "--fail-on violation trips on faults" 1 "" "$ts" analyze --fail-on violation captures/l2tp_faults.pcap
expect "--fail-on violation passes a clean capture" 0 "" "$ts" analyze --fail-on violation captures/pptp_outgoing_call_mschapv2.pcap
expect "capture artefacts never trip --fail-on" 0 "" "$ts" analyze --fail-on malformed --fail-on violation captures/l2tp_snaplen96.pcap
expect "--fail-on malformed trips on malformed input" 1 "" "$ts" analyze --fail-on malformed captures/malformed_mix.pcap
expect "missing file" 2 "No such file" "$ts" analyze "$tmp/none.pcap"
printf 'not a capture at all' > "$tmp/g.pcap"
expect "not a capture" 2 "not a readable pcap or pcapng" "$ts" analyze "$tmp/g.pcap"
expect "bad --format" 2 "--format must be" "$ts" analyze --format xml captures/l2tp_faults.pcap
expect "bad --fail-on" 2 "--fail-on takes" "$ts" analyze --fail-on everything captures/l2tp_faults.pcap
expect "bad --ppp-password" 2 "USER:PASSWORD" "$ts" analyze --ppp-password nocolon captures/l2tp_faults.pcap
expect "no file" 2 "no capture file" "$ts" analyze
expect "unknown option" 2 "unrecognised option" "$ts" analyze --bogus captures/l2tp_faults.pcap
expect "unknown command" 2 "unknown command" "$ts" frobnicate
expect "unwritable -o" 2 "No such file" "$ts" analyze -o "$tmp/no/such/dir/x" captures/l2tp_faults.pcap
expect "stdin" 0 "" sh -c "\"$ts\" analyze - < captures/l2tp_faults.pcap"
expect "-o and several files" 0 "" "$ts" analyze --format json -o "$tmp/o.jsonl" captures/l2tp_faults.pcap captures/pptp_faults.pcap
if [ "$(grep -c '"record":"analysis"' "$tmp/o.jsonl")" = 1 ] && [ "$(grep -c '"record":"summary"' "$tmp/o.jsonl")" = 1 ] &&
   grep -q '"path":"captures/pptp_faults.pcap"' "$tmp/o.jsonl"; then pass=$((pass + 1)); else echo "FAIL: -o output lacks header/summary/both inputs"; fail=$((fail + 1)); fi
# A file cut in the middle of a record: analysed up to the cut, reported, exit 0.
head -c 3000 captures/pptp_faults.pcap > "$tmp/cut.pcap"
expect "cut file" 0 "" "$ts" analyze "$tmp/cut.pcap"
if grep -q "capture.file_truncated" "$tmp/out"; then pass=$((pass + 1)); else echo "FAIL: cut file not reported"; fail=$((fail + 1)); fi
expect "diagnostics catalogue" 0 "" "$ts" diagnostics --format json
expect "version" 0 "" "$ts" version

# simulate: a clean run exits 0 and writes a pcap that analyses cleanly; same seed, same bytes.
expect "simulate l2tp" 0 "" "$ts" simulate l2tp --sessions 2 --hold 5 --pcap "$tmp/s1.pcap"
grep -q "^result: ok" "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL: simulate l2tp result"; fail=$((fail + 1)); }
expect "simulate again" 0 "" "$ts" simulate l2tp --sessions 2 --hold 5 --pcap "$tmp/s2.pcap"
cmp -s "$tmp/s1.pcap" "$tmp/s2.pcap" && pass=$((pass + 1)) || { echo "FAIL: simulate not reproducible"; fail=$((fail + 1)); }
expect "simulated pcap analyses without faults" 0 "" "$ts" analyze --fail-on violation --fail-on malformed \
  --l2tp-secret s3cret --ppp-password alice:wonderland "$tmp/s1.pcap"
expect "simulate pptp with loss" 0 "" "$ts" simulate pptp --sessions 2 --loss 0.2 --seed 3 --pcap "$tmp/s3.pcap"
grep -q "retransmi" "$tmp/out" || true
expect "simulate --list" 0 "" "$ts" simulate --list
grep -q "l2tp-dialout" "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL: --list lacks l2tp-dialout"; fail=$((fail + 1)); }
expect "simulate unknown scenario" 2 "unknown scenario" "$ts" simulate nope --pcap "$tmp/x.pcap"
expect "simulate without --pcap" 2 "--pcap FILE is required" "$ts" simulate l2tp
expect "simulate bad --loss" 2 "--loss must be" "$ts" simulate l2tp --loss 2 --pcap "$tmp/x.pcap"
expect "simulate bad --sessions" 2 "--sessions must be" "$ts" simulate l2tp --sessions 0 --pcap "$tmp/x.pcap"
expect "simulate unwritable pcap" 2 "No such file" "$ts" simulate l2tp --hold 1 --pcap "$tmp/no/such/dir/x.pcap"

# conform: the catalogue and the selftest of the suites against the reference endpoints.
expect "conform --list" 0 "" "$ts" conform --list
grep -q "l2tp.reliable.backoff" "$tmp/out" && grep -q "suite pptp.pns" "$tmp/out" && grep -q "suite ppp.authenticator" "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL: conform --list lacks checks"; fail=$((fail + 1)); }
expect "conform selftest" 0 "" "$ts" conform --suite l2tp.lns --suite l2tp.lac --selftest --junit "$tmp/j.xml" --json "$tmp/j.jsonl"
grep -q '<testsuite name="l2tp.lns" tests="[0-9]*" failures="0" errors="0"' "$tmp/j.xml" &&
  grep -q '<testsuite name="l2tp.lac"' "$tmp/j.xml" && [ "$(grep -c '<?xml' "$tmp/j.xml")" = 1 ] && [ -s "$tmp/j.jsonl" ] &&
  pass=$((pass + 1)) || { echo "FAIL: conform JUnit/JSON"; fail=$((fail + 1)); }
expect "conform pptp selftest" 0 "" "$ts" conform --suite pptp/pac --suite pptp.pns --selftest --junit "$tmp/p.xml"
grep -q '<testsuite name="pptp.pac" tests="[0-9]*" failures="0" errors="0"' "$tmp/p.xml" &&
  grep -q '<testsuite name="pptp.pns" tests="[0-9]*" failures="0" errors="0"' "$tmp/p.xml" &&
  pass=$((pass + 1)) || { echo "FAIL: conform pptp JUnit"; fail=$((fail + 1)); }
expect "conform ppp selftest" 0 "" "$ts" conform --suite ppp.authenticator --suite ppp/peer --selftest --junit "$tmp/ppp.xml"
grep -q '<testsuite name="ppp.authenticator" tests="[0-9]*" failures="0" errors="0"' "$tmp/ppp.xml" &&
  grep -q '<testsuite name="ppp.peer" tests="[0-9]*" failures="0" errors="0"' "$tmp/ppp.xml" &&
  pass=$((pass + 1)) || { echo "FAIL: conform ppp JUnit"; fail=$((fail + 1)); }
expect "conform ppp live is refused" 2 "" "$ts" conform --suite ppp.peer --target 192.0.2.1 --script echo_reply
grep -q "simulation only" "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL: conform ppp live not refused"; fail=$((fail + 1)); }
expect "conform unknown suite" 2 "no suite" "$ts" conform --suite nope.none --selftest
expect "conform neither selftest nor device" 2 "give either --selftest or a device" "$ts" conform --suite l2tp.lns
expect "conform selftest and device" 2 "give either --selftest or a device" "$ts" conform --suite l2tp.lns --selftest --target 192.0.2.1
expect "conform missing profile" 2 "cannot read the profile" "$ts" conform --suite l2tp.lns --profile "$tmp/none.profile"
printf 'target = 192.0.2.1\nslack = 0.2\ncolour = blue\n' > "$tmp/bad.profile"
expect "conform bad profile" 2 "bad.profile:3: unknown setting 'colour'" "$ts" conform --suite l2tp.lns --profile "$tmp/bad.profile"
expect "conform no script matches" 2 "matches --script" "$ts" conform --suite l2tp.lns --selftest --script nope
# A local address this machine does not have: the run cannot start, an error verdict (exit 2), not a fail.
expect "conform environment error" 2 "" "$ts" conform --suite l2tp.lns --target 192.0.2.1 --local 192.0.2.99 --script establish
grep -q "^error .*establish.pkt" "$tmp/out" && pass=$((pass + 1)) || { echo "FAIL: conform environment error verdict"; fail=$((fail + 1)); }
expect "conform without suite" 2 "give --suite" "$ts" conform

# -j N: several files analysed at once give byte-identical output to one at a time (text and
# JSON, with --packets), connection ids continuing across files, in command-line order.
expect "simulate pptp for -j" 0 "" "$ts" simulate pptp --sessions 3 --hold 5 --pcap "$tmp/j1.pcap"
expect "simulate l2tp for -j" 0 "" "$ts" simulate l2tp --sessions 2 --hold 5 --seed 7 --pcap "$tmp/j2.pcap"
jfiles=("$tmp/j1.pcap" captures/l2tp_faults.pcap "$tmp/j2.pcap" captures/pptp_faults.pcap
        captures/malformed_mix.pcap captures/l2tp_snaplen96.pcap "$tmp/j1.pcap" captures/pppoe_pap.pcap)
# same_as_one_thread "J..." FILE...: `analyze ARGS -j J` gives -j 1's output, for every J and
# every ARGS (text, JSON, with --packets).
same_as_one_thread() {
  local jobs=$1
  shift
  for args in "" "--format json" "--packets" "--format json --packets"; do
    # shellcheck disable=SC2086
    "$ts" analyze $args -j 1 "$@" > "$tmp/jone" 2>&1
    for j in $jobs; do
      # shellcheck disable=SC2086
      "$ts" analyze $args -j "$j" "$@" > "$tmp/jmany" 2>&1
      if cmp -s "$tmp/jone" "$tmp/jmany"; then pass=$((pass + 1))
      else echo "FAIL: analyze $args -j $j $* differs from -j 1"; diff "$tmp/jone" "$tmp/jmany" | head -4 | cut -c1-160; fail=$((fail + 1)); fi
    done
  done
}
same_as_one_thread "2 4 8" "${jfiles[@]}"
# The same capture twice: its connections must get new ids the second time.
"$ts" analyze -j 4 "${jfiles[@]}" | awk '/^(PPTP|L2TP|PPP) /{print $2}' > "$tmp/jids"
if [ "$(sort "$tmp/jids" | uniq -d | wc -l)" -eq 0 ] && [ "$(wc -l < "$tmp/jids")" -gt 4 ]; then pass=$((pass + 1))
else echo "FAIL: -j 4 connection ids repeat across files"; fail=$((fail + 1)); fi
expect "bad --jobs" 2 "--jobs must be at least 1" "$ts" analyze -j 0 captures/l2tp_faults.pcap

# -j N on one file: a reader and N workers by IP address pair (src/cli/sharded_file.h) give
# byte-identical output to one thread. The file interleaves simulator runs moved to their own
# address pairs (tcprewrite) with the committed captures (mergecap, by time), so connections
# of both protocols are spread over the workers and finish while others are live.
if command -v tcprewrite > /dev/null && command -v mergecap > /dev/null; then
  shard_parts=()
  for k in 1 2 3; do
    "$ts" simulate pptp --sessions 2 --hold 5 --seed "$k" --pcap "$tmp/sp$k.pcap" > /dev/null
    tcprewrite --pnat=10.0.0.0/24:10.0.$k.0/24 --infile="$tmp/sp$k.pcap" --outfile="$tmp/rp$k.pcap" --fixcsum
    "$ts" simulate l2tp --sessions 2 --hold 5 --seed "$((k + 10))" --pcap "$tmp/sl$k.pcap" > /dev/null
    tcprewrite --pnat=10.0.0.0/24:10.1.$k.0/24 --infile="$tmp/sl$k.pcap" --outfile="$tmp/rl$k.pcap" --fixcsum
    shard_parts+=("$tmp/rp$k.pcap" "$tmp/rl$k.pcap")
  done
  mergecap -F pcap -w "$tmp/shard.pcap" "${shard_parts[@]}" captures/*.pcap
  same_as_one_thread "2 3 8" "$tmp/shard.pcap"
  # The file really has connections in several workers: six simulated address pairs.
  if [ "$("$ts" analyze "$tmp/shard.pcap" | grep -cE '^(PPTP|L2TP) [a-z0-9-]+  A=10\.[01]\.[123]\.1:')" -eq 6 ]; then pass=$((pass + 1))
  else echo "FAIL: the sharded test capture does not hold six simulated address pairs"; fail=$((fail + 1)); fi
else
  echo "FAIL: tcprewrite and mergecap (scripts/setup.sh installs them) are needed for the -j one-file test"; fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
