#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, cut from the project's own captures (captures/*.pcap,
Ethernet/IPv4). Writes OUT/analyzer/, OUT/codecs/ and OUT/reader/.

Usage: make_seeds.py CAPTURES_DIR OUT_DIR
"""
import os
import struct
import sys


def frames(path):
    data = open(path, "rb").read()
    off = 24
    while off + 16 <= len(data):
        caplen = struct.unpack_from("<I", data, off + 8)[0]
        yield data[off + 16: off + 16 + caplen]
        off += 16 + caplen


def main():
    src, out = sys.argv[1], sys.argv[2]
    for d in ("analyzer", "codecs", "reader"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    n = 0
    for name in sorted(os.listdir(src)):
        if not name.endswith(".pcap"):
            continue
        path = os.path.join(src, name)
        fr = list(frames(path))
        open(os.path.join(out, "reader", name), "wb").write(open(path, "rb").read()[:4096])
        # analyzer: link type index 0 (Ethernet), then up to 40 length-prefixed frames
        blob = bytes([0]) + b"".join(struct.pack(">H", len(f)) + f for f in fr[:40])
        open(os.path.join(out, "analyzer", name), "wb").write(blob)
        for f in fr:
            if len(f) < 34 or f[12:14] != b"\x08\x00":
                continue
            ihl = (f[14] & 0x0F) * 4
            proto = f[23]
            ip_payload = f[14 + ihl:]
            unit = None
            if proto == 17 and len(ip_payload) > 8:
                unit = bytes([0]) + ip_payload[8:]                        # L2TP
            elif proto == 6 and len(ip_payload) > 20:
                off = (ip_payload[12] >> 4) * 4
                if len(ip_payload) > off:
                    unit = bytes([1]) + ip_payload[off:]                  # PPTP
            elif proto == 47:
                unit = bytes([2]) + ip_payload                            # GRE
                if len(ip_payload) > 16:
                    open(os.path.join(out, "codecs", f"ppp{n}"), "wb").write(bytes([3]) + ip_payload[16:])
            if unit:
                open(os.path.join(out, "codecs", f"unit{n}"), "wb").write(unit)
                n += 1
    print(f"{n} codec seeds")


if __name__ == "__main__":
    main()
