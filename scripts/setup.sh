#!/usr/bin/env bash
# Installs the Debian 12 packages tunnelscope needs to build and test. Idempotent.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
pkgs=(g++ cmake ninja-build ccache pkg-config libpcap-dev libssl-dev libboost-program-options-dev
      catch2 libfmt-dev nlohmann-json3-dev tshark wireshark-common python3
      # Real peers for the interop tests (tests/live): started by the tests themselves in
      # network namespaces, never as system services.
      xl2tpd pptpd pptp-linux socat iproute2 softether-vpnserver softether-vpncmd tcpreplay
      # The sniff live test compares JSON Lines with jq.
      jq)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  # The daemons' package scripts must not start them in the main namespace: a policy-rc.d
  # that refuses every start, unless the machine already has one.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
  fi
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
