#!/usr/bin/env python3
"""Writes the seed inputs of fuzz_ppp and fuzz_cmux (fuzz/corpus/ppp, fuzz/corpus/cmux) in
their record formats, using the independent framing of tests/ppp/ppp_client.py. Run from the
repository root with Debian's python3 (scapy)."""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "ppp"))
from ppp_client import cmux_frame, hdlc_encode  # noqa: E402
from scapy.layers.dns import DNS, DNSQR  # noqa: E402
from scapy.layers.inet import IP, TCP, UDP  # noqa: E402


def frame(proto, payload, accm=0xFFFFFFFF):
    return hdlc_encode(b"\xff\x03" + struct.pack("!H", proto) + payload, accm)


def ctl(code, ident, data):
    return bytes([code, ident]) + struct.pack("!H", 4 + len(data)) + data


def records(first, chunks):
    """fuzz_ppp: one delay byte, one length byte, the bytes; fuzz_cmux: control byte instead."""
    out = bytearray([first])
    for lead, chunk in chunks:
        while chunk:
            piece, chunk = chunk[:255], chunk[255:]
            out += bytes([lead, len(piece)]) + piece
            lead = 0
    return bytes(out)


def main():
    # fuzz_ppp's session draws magic 1 first; the host acknowledges exactly that request.
    module_lcp = bytes.fromhex("020600000000" "050600000001" "07020802")
    host_lcp = bytes.fromhex("020600000000" "050612345678")
    dns = bytes(IP(src="10.74.149.48", dst="211.136.112.50") / UDP(sport=5353, dport=53) /
                DNS(rd=1, qd=DNSQR(qname="server.test")))
    syn = bytes(IP(src="10.74.149.48", dst="127.0.0.1") / TCP(sport=40000, dport=80, flags="S"))
    negotiation = [
        (0, frame(0xC021, ctl(2, 1, module_lcp))),
        (0, frame(0xC021, ctl(1, 1, host_lcp))),
        (1, frame(0x8021, ctl(2, 1, bytes.fromhex("0306c0a81401")), 0)),
        (0, frame(0x8021, ctl(1, 2, bytes.fromhex("03060a4a9530" "8106d3887032")), 0)),
        (0, frame(0x0021, dns, 0) + frame(0x0021, syn, 0)),
        (5, frame(0x8057, ctl(1, 1, b"\x01\x0a" + bytes(8)), 0)),
        (0, frame(0xC021, ctl(9, 3, b"\x12\x34\x56\x78"), 0)),
        (0, frame(0xC021, ctl(5, 4, b""), 0)),
    ]
    pap = negotiation[:2] + [(0, frame(0xC023, ctl(1, 1, b"\x04user\x04pass"), 0))] + negotiation[2:5]
    garbage = [(0, b"AT\r\nATD*99#\r\n~~}~}"), (40, frame(0xC021, ctl(1, 1, b"\x01\x04\x06\x40")))]
    esp_modem = [
        (0, cmux_frame(0, 0x3F)), (0, cmux_frame(1, 0x3F)), (0, cmux_frame(2, 0x3F)),
        (0, cmux_frame(2, 0xEF, b"AT\r", cr=0)),
        (0x81, cmux_frame(1, 0xEF, b"ATD*99#\r", cr=0) + cmux_frame(1, 0xEF, bytes(200), cr=0)),
        (1, cmux_frame(0, 0xEF, bytes.fromhex("e3050b0d"))),
        (2, cmux_frame(0, 0xEF, bytes.fromhex("2307616263"))),
        (0, cmux_frame(0, 0xEF, bytes.fromhex("6301"))), (0, cmux_frame(0, 0xEF, bytes.fromhex("a301"))),
        (0, cmux_frame(1, 0x53)), (0, cmux_frame(2, 0x53)),
        (0, cmux_frame(0, 0xEF, bytes.fromhex("c301")) + b"AT\r"),
    ]
    root = os.path.join(os.path.dirname(__file__), "corpus")
    for name, data in [("ppp/negotiation", records(0, negotiation)), ("ppp/pap", records(3, pap)),
                       ("ppp/garbage", records(4, garbage)), ("cmux/esp_modem", records(127, esp_modem))]:
        os.makedirs(os.path.dirname(os.path.join(root, name)), exist_ok=True)
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
