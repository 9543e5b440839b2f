"""Faults and inbound traffic of a dial-up call through the real cellemu binary and its pty
(services.md §6.4, issue 18): the host's DTR line (`ctl dtr`, P-010), faults addressed to one
flow of the call (`ctl flow`), the carrier NAT dropping one idle flow on the emulated clock, and
a profile's port forward (`ppp_forwards`) carrying connections from the host into the scapy PPP
client. Set CELLEMU_BINARY (CMake does)."""
import os
import socket
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from ppp_client import PppClient, TcpFlow  # noqa: E402
from test_emulator_ppp import BINARY, SCALE, Emulator, at, dial, emulator, emulator_args  # noqa: E402,F401
from test_ppp_scapy import EchoServer  # noqa: E402
from scapy.layers.inet import IP, TCP, UDP  # noqa: E402


def tcp_flows(emulator):
    return [f for f in emulator.status()["dialup"]["flows"] if f["protocol"] == "TCP"]


def redial(client):
    again = PppClient(client.port)
    again.dial()
    again.negotiate()
    return again


@pytest.mark.parametrize("emulator_args", [["--model", "air780ep"], ["--model", "nm28"]])
def test_p010_dtr_drop_with_d2_then_d1(emulator):
    tcp = EchoServer()
    client = dial(emulator)
    client.negotiate()
    client.text = b""
    emulator.ctl("dtr", "off")  # &D2, the default: released, NO CARRIER
    assert client.expect_text(b"\r\nNO CARRIER\r\n", timeout=3)
    assert "dialup" not in emulator.status() and emulator.status()["dtr"] == "off"
    emulator.ctl("dtr", "on")
    assert at(client, b"AT&D1\r", b"\r\nOK\r\n")
    client = redial(client)
    client.text = b""
    emulator.ctl("dtr", "off")  # &D1: online command state
    assert client.expect_text(b"\r\nOK\r\n", timeout=3)
    assert emulator.status()["dialup"]["state"] == "online command"
    emulator.ctl("dtr", "on")
    assert at(client, b"ATO\r", b"\r\nCONNECT\r\n")
    flow = TcpFlow(client, "127.0.0.1", tcp.port)  # no renegotiation: IP flows at once
    assert flow.connect()
    flow.send_all(b"after ATO", expect_back=9)


def test_flow_faults_hit_one_flow_while_another_lives(emulator):
    tcp = EchoServer()
    client = dial(emulator)
    client.negotiate()
    alive, reset, closed, black = (TcpFlow(client, "127.0.0.1", tcp.port) for _ in range(4))
    for flow in (alive, reset, closed, black):
        assert flow.connect()
    ids = {f["peer_port"]: f["id"] for f in tcp_flows(emulator)}
    assert len(ids) == 4

    emulator.ctl("flow", str(ids[reset.sport]), "reset")  # the host sees the server's RST
    deadline = time.monotonic() + 5
    while not reset.reset:
        assert time.monotonic() < deadline and reset.poll(1)
    emulator.ctl("flow", str(ids[closed.sport]), "close")  # and here its FIN
    while not closed.fin:
        assert time.monotonic() < deadline and closed.poll(1)
    emulator.ctl("flow", str(ids[black.sport]), "blackhole")  # and here nothing at all
    with pytest.raises(TimeoutError):
        black.send_all(b"lost", expect_back=4, timeout=1)
    assert not black.reset

    alive.send_all(b"still here", expect_back=10)
    assert bytes(alive.received) == b"still here"
    ports = [f["peer_port"] for f in tcp_flows(emulator)]  # a closed flow lingers for its ACKs
    assert alive.sport in ports and reset.sport not in ports and black.sport not in ports
    r = subprocess.run([BINARY, "ctl", "--control", emulator.control, "flow", "999", "reset"],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode != 0 and "no dial-up flow 999" in r.stdout + r.stderr


@pytest.mark.parametrize("emulator_args", [["--time-scale", str(SCALE)]])
def test_nat_idle_drops_one_flow_while_a_busy_one_stays(emulator):
    tcp = EchoServer()
    client = dial(emulator)
    client.negotiate()
    idle, busy = TcpFlow(client, "127.0.0.1", tcp.port), TcpFlow(client, "127.0.0.1", tcp.port)
    assert idle.connect() and busy.connect()
    emulator.ctl("nat-idle", "12s", "tcp")  # 3 s of real time at SCALE 4, for open flows too
    assert emulator.status()["net"]["nat_idle_tcp_s"] == 12
    deadline = time.monotonic() + 15
    while [f["peer_port"] for f in tcp_flows(emulator)] != [busy.sport]:
        assert time.monotonic() < deadline, tcp_flows(emulator)
        busy.send_all(b"k", expect_back=len(busy.received) + 1, timeout=2)
        time.sleep(0.25)  # the busy flow talks every emulated second, the idle one never
    # The idle flow's segments now vanish (no answer, no reset); the busy one still works.
    with pytest.raises(TimeoutError):
        idle.send_all(b"lost", expect_back=4, timeout=1)
    assert not idle.reset
    busy.send_all(b"still here", expect_back=len(busy.received) + 10)


def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def forwarding_emulator(tmp_path, *args):
    """An emulator whose profile forwards a host TCP and a host UDP port to the PPP client's
    ports 8080 and 5683 (the profile key ppp_forwards, from --config)."""
    tcp_port, udp_port = free_port(socket.SOCK_STREAM), free_port(socket.SOCK_DGRAM)
    config = tmp_path / "forward.yaml"
    config.write_text("profiles:\n  air780ep:\n    ppp_forwards: "
                      f"[\"tcp:{tcp_port}:8080\", \"udp:127.0.0.1:{udp_port}:5683\"]\n")
    return Emulator("--config", str(config), *args), tcp_port, udp_port


def to_client(client, proto, port, want=lambda ip: True, timeout=5):
    return client.recv_ip(lambda ip: proto in ip and ip[proto].dport == port and want(ip), timeout)


def test_inbound_port_forward_reaches_the_ppp_client(tmp_path):
    if not BINARY:
        pytest.skip("CELLEMU_BINARY not set")
    e, tcp_port, udp_port = forwarding_emulator(tmp_path)
    try:
        client = dial(e)
        client.negotiate()
        host = socket.create_connection(("127.0.0.1", tcp_port), timeout=5)
        syn = to_client(client, TCP, 8080, lambda ip: ip[TCP].flags.S)
        assert syn[IP].dst == client.ip
        peer, sport, their = syn[IP].src, syn[TCP].sport, syn[TCP].seq + 1

        def segment(flags, seq, payload=b""):
            return IP(src=client.ip, dst=peer) / TCP(sport=8080, dport=sport, seq=seq, ack=their,
                                                     flags=flags, window=65535) / payload

        client.send_ip(segment("SA", 5000))
        host.sendall(b"ping")
        got = b""
        while got != b"ping":
            got += bytes(to_client(client, TCP, 8080, lambda ip: len(ip[TCP].payload) > 0)[TCP].payload)
        their += 4
        client.send_ip(segment("PA", 5001, b"pong"))
        assert host.recv(16) == b"pong"
        inbound = [f for f in e.status()["dialup"]["flows"] if f["inbound"]]
        assert [(f["protocol"], f["peer_port"]) for f in inbound] == [("TCP", 8080)]
        host.close()

        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.settimeout(5)
        udp.sendto(b"hello", ("127.0.0.1", udp_port))
        dgram = to_client(client, UDP, 5683)
        assert bytes(dgram[UDP].payload) == b"hello"
        client.send_ip(IP(src=client.ip, dst=dgram[IP].src) /
                       UDP(sport=5683, dport=dgram[UDP].sport) / b"world")
        assert udp.recvfrom(64)[0] == b"world"
        client.terminate()  # the forward ends with the call
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", tcp_port), timeout=2).recv(1)
    finally:
        e.stop()


def test_inbound_connection_from_a_denied_address_is_reset(tmp_path):
    if not BINARY:
        pytest.skip("CELLEMU_BINARY not set")
    e, tcp_port, _ = forwarding_emulator(tmp_path, "--deny", "127.0.0.1")
    try:
        client = dial(e)
        client.negotiate()
        host = socket.create_connection(("127.0.0.1", tcp_port), timeout=5)
        try:
            assert host.recv(16) == b""  # closed without a byte
        except ConnectionResetError:
            pass
        with pytest.raises(TimeoutError):  # the PPP client never saw the SYN
            to_client(client, TCP, 8080, timeout=1)
    finally:
        e.stop()
