#!/usr/bin/env bash
# README quick start, first command: install, build, analyse a bundled capture.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja >/dev/null
ninja -C build tunnelscope
./build/tunnelscope analyze --l2tp-secret s3cret --ppp-password alice:wonderland captures/l2tp_incoming_call_chap.pcap
