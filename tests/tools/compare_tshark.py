#!/usr/bin/env python3
"""Per-frame comparison of tunnelscope's decode with tshark's.

For every capture given (files or folders), runs
  tshark -r FILE -T fields ...            (the key fields below)
  tunnelscope analyze --packets --format json FILE
and compares, frame by frame, the facts both tools extract: L2TP T bit, Tunnel/Session ID,
Ns/Nr, Message Type, Result Code; PPTP Control Message Type, Call IDs, result codes; GRE
Call ID, sequence and acknowledgement numbers; PPP control codes, identifiers and option
types; CHAP/PAP/EAP codes. Prints a Markdown report: per field, frames where both had a value,
agreements, disagreements (with examples), and values only one tool saw.

Usage: compare_tshark.py [--tunnelscope PATH] [--max-examples N] CAPTURE_OR_DIR...
Exit status 0 always (this is a report); 2 when tshark or tunnelscope is missing.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys

# fact name -> tshark field
TSHARK_FIELDS = {
    "l2tp.control": "l2tp.type",
    "l2tp.tunnel": "l2tp.tunnel",
    "l2tp.session": "l2tp.session",
    "l2tp.ns": "l2tp.Ns",
    "l2tp.nr": "l2tp.Nr",
    "l2tp.message_type": "l2tp.avp.message_type",
    "l2tp.result_code": "l2tp.result_code",
    "l2tp.assigned_tunnel": "l2tp.avp.assigned_tunnel_id",
    "l2tp.assigned_session": "l2tp.avp.assigned_session_id",
    "pptp.message_type": "pptp.control_message_type",
    "pptp.call_id": "pptp.call_id",
    "pptp.peer_call_id": "pptp.peer_call_id",
    "gre.call_id": "gre.key.call_id",
    "gre.seq": "gre.sequence_number",
    "gre.ack": "gre.ack_number",
    "ppp.code": "ppp.code",
    "ppp.identifier": "ppp.identifier",
    "lcp.options": "lcp.opt.type",
    "ipcp.options": "ipcp.opt.type",
    "ccp.options": "ccp.opt.type",
    "chap.code": "chap.code",
    "chap.identifier": "chap.identifier",
    "pap.code": "pap.code",
    "eap.code": "eap.code",
}


def as_ints(text):
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.append(int(part, 0))
        except ValueError:
            out.append(part)
    return out


def tshark_facts(path):
    fields = list(TSHARK_FIELDS.values())
    cmd = ["tshark", "-n", "-r", path, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
           "-E", "aggregator=,", "-e", "frame.number"]
    for f in fields:
        cmd += ["-e", f]
    res = subprocess.run(cmd, capture_output=True, text=True)
    facts = {}
    for line in res.stdout.splitlines():
        cols = line.split("\t")
        frame = int(cols[0])
        d = {}
        for name, val in zip(TSHARK_FIELDS.keys(), cols[1:]):
            if val:
                d[name] = as_ints(val)
        facts[frame] = d
    return facts, res.returncode


def ours_facts(tunnelscope, path):
    res = subprocess.run([tunnelscope, "analyze", "--packets", "--format", "json", path],
                         capture_output=True, text=True)
    facts = {}
    for line in res.stdout.splitlines():
        rec = json.loads(line)
        if rec.get("record") != "packet":
            continue
        d = collections.defaultdict(list)
        layers = rec["layers"]
        l2 = layers.get("l2tp")
        if l2 and "header" in l2:
            h = l2["header"]
            d["l2tp.control"].append(1 if h.get("type") == "control" else 0)
            if "tunnel_id" in h:
                d["l2tp.tunnel"].append(h["tunnel_id"])
                d["l2tp.session"].append(h["session_id"])
            if h.get("sequence_present") and "ns" in h:
                d["l2tp.ns"].append(h["ns"])
                d["l2tp.nr"].append(h["nr"])
            if "message_type" in l2:
                d["l2tp.message_type"].append(l2["message_type"])
            for avp in l2.get("avps", []):
                t, v = avp.get("attribute_type"), avp.get("value")
                if avp.get("vendor_id", 0) != 0:
                    continue
                if t == 1 and isinstance(v, dict) and "result" in v:
                    d["l2tp.result_code"].append(v["result"])
                elif t == 9 and isinstance(v, int):
                    d["l2tp.assigned_tunnel"].append(v)
                elif t == 14 and isinstance(v, int):
                    d["l2tp.assigned_session"].append(v)
        for msg in layers.get("pptp", []):
            d["pptp.message_type"].append(msg.get("control_message_type"))
            if "call_id" in msg:
                d["pptp.call_id"].append(msg["call_id"])
            if "peer_call_id" in msg:
                d["pptp.peer_call_id"].append(msg["peer_call_id"])
        g = layers.get("gre")
        if g and g.get("version") == 1:
            d["gre.call_id"].append(g.get("call_id"))
            if g.get("sequence_present"):
                d["gre.seq"].append(g.get("sequence_number"))
            if g.get("ack_present"):
                d["gre.ack"].append(g.get("acknowledgment_number"))
        for proto, opt_fact in (("LCP", "lcp.options"), ("IPCP", "ipcp.options"), ("CCP", "ccp.options"),
                                ("IPV6CP", None), ("IPv6CP", None)):
            c = layers.get(proto)
            if not c:
                continue
            d["ppp.code"].append(c.get("code"))
            d["ppp.identifier"].append(c.get("identifier"))
            if opt_fact:
                for o in c.get("options", []):
                    d[opt_fact].append(o.get("type"))
        for proto, prefix in (("chap", "chap"), ("pap", "pap"), ("eap", "eap")):
            c = layers.get(proto)
            if c:
                d[prefix + ".code"].append(c.get("code"))
                if prefix == "chap":
                    d["chap.identifier"].append(c.get("identifier"))
        facts[rec["frame"]] = dict(d)
    return facts, res.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tunnelscope", default="build/tunnelscope")
    ap.add_argument("--max-examples", type=int, default=3)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    if not shutil.which("tshark") or not os.path.exists(a.tunnelscope):
        print("tshark or tunnelscope not found", file=sys.stderr)
        return 2
    files = []
    for p in a.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names)
                          if n.endswith((".pcap", ".pcapng", ".cap"))]
        else:
            files.append(p)
    stats = collections.defaultdict(lambda: collections.Counter())
    examples = collections.defaultdict(list)
    per_file = []
    for path in sorted(files):
        t, trc = tshark_facts(path)
        o, orc = ours_facts(a.tunnelscope, path)
        agree = disagree = 0
        for frame in sorted(set(t) | set(o)):
            tf, of = t.get(frame, {}), o.get(frame, {})
            for name in TSHARK_FIELDS:
                tv, ov = tf.get(name), of.get(name)
                if tv is None and ov is None:
                    continue
                if tv is None:
                    stats[name]["ours only"] += 1
                    if len(examples[(name, "ours only")]) < a.max_examples:
                        examples[(name, "ours only")].append(f"{os.path.basename(path)} #{frame}: {ov}")
                elif ov is None:
                    stats[name]["tshark only"] += 1
                    if len(examples[(name, "tshark only")]) < a.max_examples:
                        examples[(name, "tshark only")].append(f"{os.path.basename(path)} #{frame}: {tv}")
                elif list(tv) == list(ov):
                    stats[name]["agree"] += 1
                    agree += 1
                else:
                    stats[name]["differ"] += 1
                    disagree += 1
                    if len(examples[(name, "differ")]) < a.max_examples:
                        examples[(name, "differ")].append(
                            f"{os.path.basename(path)} #{frame}: tshark {tv} ours {ov}")
        per_file.append((path, len(t), agree, disagree, trc, orc))

    print("| capture | frames | facts agreeing | facts differing | tunnelscope exit |")
    print("|---|---|---|---|---|")
    for path, n, ag, dis, trc, orc in per_file:
        print(f"| {os.path.basename(path)} | {n} | {ag} | {dis} | {orc} |")
    print()
    print("| fact (tshark field) | agree | differ | tshark only | ours only |")
    print("|---|---|---|---|---|")
    for name, field in TSHARK_FIELDS.items():
        c = stats[name]
        if sum(c.values()) == 0:
            continue
        print(f"| {name} (`{field}`) | {c['agree']} | {c['differ']} | {c['tshark only']} | {c['ours only']} |")
    print()
    for (name, kind), ex in sorted(examples.items()):
        print(f"- {name}, {kind}: " + "; ".join(ex))
    return 0


if __name__ == "__main__":
    sys.exit(main())
