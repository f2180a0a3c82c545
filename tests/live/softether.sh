# The SoftEther VPN server as an L2TP LNS for the live tests (sourced; lab/NOTES.md): raw
# L2TP (no IPsec) with its own user-space PPP (EAP, MS-CHAPv2, PAP; IPCP addresses from its
# SecureNAT DHCP). Its state directories are private bind mounts, so nothing of the machine's
# is touched. PPP user SOFTETHER_USER / SOFTETHER_PASSWORD.
#   softether_missing         prints why it cannot run here (nothing: it can)
#   start_softether DIR NS    starts it in namespace NS and configures it; returns non-zero
#                             (with the reason in DIR/vpnserver.out) when it does not come up
#   stop_softether NS
SOFTETHER_USER=labuser@LAB
SOFTETHER_PASSWORD=labpass

softether_missing() {
  command -v vpnserver >/dev/null || { echo "softether-vpnserver not installed"; return; }
  command -v vpncmd >/dev/null || { echo "softether-vpncmd not installed"; return; }
  command -v unshare >/dev/null || echo "unshare not installed"
}

start_softether() {
  local d=$1 ns=$2 x i
  mkdir -p "$d/lib" "$d/log" "$d/run"
  for x in /var/lib/softether /var/log/softether /run/softether; do mkdir -p "$x"; done
  timeout 600 unshare -m --propagation private sh -c \
    "mount --bind '$d/lib' /var/lib/softether && mount --bind '$d/log' /var/log/softether && mount --bind '$d/run' /run/softether && exec ip netns exec '$ns' vpnserver execsvc" \
    >"$d/vpnserver.out" 2>&1 &
  SOFTETHER_PID=$!
  for i in $(seq 150); do ip netns exec "$ns" ss -ltn 2>/dev/null | grep -q ':5555 ' && break; sleep 0.1; done
  cat >"$d/setup.vpncmd" <<SETUP
HubCreate LAB /PASSWORD:labhub
Hub LAB
UserCreate labuser /GROUP:none /REALNAME:none /NOTE:none
UserPasswordSet labuser /PASSWORD:$SOFTETHER_PASSWORD
SecureNatEnable
NatDisable
SecureNatHostSet /MAC:none /IP:10.202.0.1 /MASK:255.255.255.0
DhcpSet /START:10.202.0.10 /END:10.202.0.50 /MASK:255.255.255.0 /EXPIRE:7200 /GW:none /DNS:none /DNS2:none /DOMAIN:none /LOG:yes /PUSHROUTE:none
Hub
IPsecEnable /L2TP:yes /L2TPRAW:yes /ETHERIP:no /PSK:labpsk /DEFAULTHUB:LAB
SETUP
  timeout 30 ip netns exec "$ns" vpncmd localhost:5555 /SERVER /IN:"$d/setup.vpncmd" >"$d/vpncmd.out" 2>&1 || return 1
  # UDP 1701 opens a few seconds after the TCP ports.
  for i in $(seq 150); do ip netns exec "$ns" ss -lun 2>/dev/null | grep -q ':1701 ' && return 0; sleep 0.1; done
  echo "UDP 1701 never opened" >>"$d/vpnserver.out"
  return 1
}

# Stops it and waits until nothing runs in NS any more (SIGKILL after 5 s): the next
# start_softether must not find the old server still on its ports.
stop_softether() { stop_in_ns "$SOFTETHER_PID" "$1"; }
