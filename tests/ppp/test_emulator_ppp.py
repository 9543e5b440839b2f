"""Dial-up through the real cellemu binary and its real pty (services.md §6): the scapy-based PPP
client (ppp_client.py, an independent codec) dials ATD*99#, negotiates, moves TCP/UDP/DNS traffic
to real loopback servers through the emulator, and the call ends each way. Set CELLEMU_BINARY
(CMake does)."""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from ppp_client import CmuxLine, DlciPort, PppClient, SerialPort, TcpFlow  # noqa: E402
from test_ppp_scapy import EchoServer, UdpEcho  # noqa: E402

BINARY = os.environ.get("CELLEMU_BINARY", "")
# The PDN address and the network's DNS servers of the default profile (models/profile.h).
PDN_ADDRESS, DNS1, DNS2 = "10.17.70.180", "211.136.112.50", "211.136.150.66"
# Emulated time runs this many times faster in the tests that wait on it: the +++ guard (1 s of
# silence before, 0.5 s after) takes a quarter, LCP's 3 s restart timer stays well above a round
# trip on a loaded machine.
SCALE = 4


class Emulator:
    def __init__(self, *args):
        self.dir = tempfile.TemporaryDirectory()
        self.control = os.path.join(self.dir.name, "ctl.sock")
        self.proc = subprocess.Popen(
            [BINARY, "--dns", "static", "--host", "server.test=127.0.0.1", "--control",
             self.control, "--log-level", "warn", *args],
            stdout=subprocess.PIPE, text=True)
        self.pty = self.proc.stdout.readline().strip()
        assert self.pty.startswith("/dev/"), self.pty

    def ctl(self, *verb):
        out = subprocess.run([BINARY, "ctl", "--control", self.control, *verb], check=True,
                             capture_output=True, text=True, timeout=10).stdout
        return out

    def status(self):
        return json.loads(self.ctl("status"))

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.dir.cleanup()


@pytest.fixture
def emulator_args():
    return []


@pytest.fixture
def emulator(emulator_args):
    if not BINARY:
        pytest.skip("CELLEMU_BINARY not set")
    e = Emulator(*emulator_args)
    yield e
    e.stop()


def dial(emulator, command=b"ATD*99#\r"):
    client = PppClient(SerialPort(emulator.pty))
    client.dial(command)
    return client


def at(client, command, answer, timeout=5):
    """A command in command state; `answer` must arrive within the timeout."""
    client.text = b""
    client.port.write(command)
    return client.expect_text(answer, timeout)


@pytest.mark.parametrize("emulator_args", [["--model", "air780ep"], ["--model", "nm28"]])
def test_tcp_udp_dns_then_the_host_terminates(emulator):
    tcp, udp = EchoServer(), UdpEcho()
    client = dial(emulator)
    info = client.negotiate()
    # services.md §6.3: ACCM, magic, PFC, ACFC offered; the PDN address and the network's DNS.
    assert sorted(o.type for o in info["lcp"].options) == [2, 5, 7, 8]
    assert (info["local"], info["peer"]) == ("192.168.20.1", PDN_ADDRESS)
    assert (info["dns1"], info["dns2"]) == (DNS1, DNS2)

    flow = TcpFlow(client, "127.0.0.1", tcp.port)
    assert flow.connect()
    payload = os.urandom(1 << 20)
    flow.send_all(payload, expect_back=len(payload))
    assert bytes(flow.received[:len(payload)]) == payload

    # ctl status: the call and its flows with their bytes.
    call = emulator.status()["dialup"]
    assert call["state"] == "data" and call["cid"] == 1 and call["host"] == PDN_ADDRESS
    tcp_flows = [f for f in call["flows"] if f["protocol"] == "TCP"]
    assert tcp_flows and tcp_flows[0]["bytes_up"] > len(payload)
    assert tcp_flows[0]["bytes_down"] > len(payload)
    assert flow.close()

    from scapy.layers.inet import IP, UDP
    client.send_ip(IP(src=client.ip, dst="127.0.0.1") / UDP(sport=7000, dport=udp.port) / b"datagram")
    reply = client.recv_ip(lambda ip: UDP in ip and ip[UDP].sport == udp.port)
    assert bytes(reply[UDP].payload) == b"datagram"

    answer = client.dns_query(DNS1, "server.test")  # answered from --host
    assert answer.rcode == 0 and answer.an.rdata == "127.0.0.1"
    assert client.dns_query(DNS2, "nowhere.test").rcode == 3

    client.terminate()  # Terminate-Ack, then NO CARRIER right after its closing flag
    assert at(client, b"AT+CGACT?\r", b"+CGACT: 1,1\r\n\r\nOK\r\n")  # the PDN stays up
    assert "dialup" not in emulator.status()


def escape(client):
    """+++ with its guard times (LM +++.md), which run on the emulated clock: at --time-scale
    SCALE the line needs 1/SCALE s of silence before the three '+'."""
    time.sleep(1.0 / SCALE + 0.05)
    client.text = b""
    client.port.write(b"+++")
    assert client.expect_text(b"\r\nOK\r\n", timeout=3)


@pytest.mark.parametrize("emulator_args", [["--time-scale", str(SCALE)]])
def test_escape_then_ath_hangs_up(emulator):
    client = dial(emulator)
    client.negotiate()
    escape(client)
    assert emulator.status()["dialup"]["state"] == "online command"
    assert at(client, b"AT+CSQ\r", b"+CSQ: 23,0\r\n\r\nOK\r\n")
    assert at(client, b"ATH\r", b"ATH\r\r\nOK\r\n")
    assert at(client, b"ATO\r", b"\r\nNO CARRIER\r\n")
    assert "dialup" not in emulator.status()
    again = dial(emulator)  # and the next call negotiates from scratch
    again.negotiate()


@pytest.mark.parametrize("emulator_args", [["--time-scale", str(SCALE)]])
def test_escape_then_ato_resumes(emulator):
    tcp = EchoServer()
    client = dial(emulator)
    client.negotiate()
    escape(client)
    assert at(client, b"ATO\r", b"\r\nCONNECT\r\n")
    flow = TcpFlow(client, "127.0.0.1", tcp.port)  # no renegotiation: IP flows at once
    assert flow.connect()
    flow.send_all(b"after ATO", expect_back=9)
    assert bytes(flow.received) == b"after ATO"


def test_pdp_deact_ends_the_call_with_no_carrier(emulator):
    client = dial(emulator)
    client.negotiate()
    emulator.ctl("pdp-deact")
    # The module's LCP Terminate-Request: the client acknowledges it, then NO CARRIER.
    deadline = time.monotonic() + 5
    while not client.terminated:
        assert time.monotonic() < deadline, "no Terminate-Request"
        try:
            client.recv(0.2, lambda p, d: False)
        except TimeoutError:
            pass
    assert client.expect_text(b"\r\nNO CARRIER\r\n\r\n+CGEV: NW PDN DEACT 1\r\n", timeout=2)


@pytest.mark.parametrize("emulator_args", [["--deny", "127.0.0.2"]])
def test_denied_destination_is_refused(emulator):
    tcp = EchoServer()
    client = dial(emulator)
    client.negotiate()
    denied = TcpFlow(client, "127.0.0.2", tcp.port)
    assert not denied.connect() and denied.reset  # a reset, at once
    allowed = TcpFlow(client, "127.0.0.1", tcp.port)
    assert allowed.connect()


def command(port, line, answer, timeout=5):
    """Sends an AT command on a port and reads until `answer` arrived."""
    port.write(line)
    got, deadline = b"", time.monotonic() + timeout
    while answer not in got:
        assert time.monotonic() < deadline, f"no {answer!r} after {line!r}: {got!r}"
        got += port.read(0.05)
    return got


TRACE = os.path.join(tempfile.gettempdir(), f"cellemu-ppp-trace-{os.getpid()}")


@pytest.mark.parametrize("emulator_args", [["--model", "air780ep", "--trace", TRACE + "-air.log"],
                                           ["--model", "nm28", "--trace", TRACE + "-nm28.log"]])
def test_cmux_ppp_on_dlci1_while_dlci2_answers_at(emulator, emulator_args):
    """esp_modem's way (services.md §7.4, P-017/P-019/P-020): DLCI 1 dials and carries PPP, DLCI 2
    keeps answering AT; leaving CMUX returns the port to plain AT. The text trace decodes the
    frames per DLCI."""
    tcp = EchoServer()
    port = SerialPort(emulator.pty)
    command(port, b"ATE0\r", b"\r\nOK\r\n")
    command(port, b"AT+CMUX=0\r", b"\r\nOK\r\n")
    line = CmuxLine(port)
    for dlci in (0, 1, 2):
        line.open(dlci)
    command(DlciPort(line, 2), b"AT\r", b"\r\nOK\r\n")
    client = PppClient(DlciPort(line, 1))
    client.dial()
    info = client.negotiate()
    assert info["peer"] == PDN_ADDRESS
    flow = TcpFlow(client, "127.0.0.1", tcp.port)
    assert flow.connect()
    payload = os.urandom(256 * 1024)
    flow.send_all(payload, expect_back=len(payload))
    assert bytes(flow.received[:len(payload)]) == payload
    # The AT channel answers during the call.
    command(DlciPort(line, 2), b"AT+CSQ\r", b"\r\n+CSQ: 23,0\r\n\r\nOK\r\n")
    assert emulator.status()["dialup"]["state"] == "data"
    client.terminate()  # NO CARRIER on DLCI 1
    line.disc(1)
    line.disc(2)
    line.close()
    command(port, b"AT\r", b"\r\nOK\r\n")  # a plain AT port again
    with open(emulator_args[-1], encoding="utf-8") as f:
        trace = f.read()
    os.unlink(emulator_args[-1])
    for note in ['# → CMUX DLCI 0 SABM P/F', '# → CMUX DLCI 2 UIH "AT\\r"',
                 '# ← CMUX DLCI 2 UIH "\\r\\nOK\\r\\n"', '# → CMUX DLCI 1 UIH "ATD*99#\\r"',
                 '# ← CMUX DLCI 1 UIH PPP LCP Configure-Request id=1 [accm=00000000 magic=',
                 '# ← CMUX DLCI 1 UIH PPP IPCP Configure-Nak id=',
                 f'[addr={PDN_ADDRESS} dns1={DNS1} dns2={DNS2}]',
                 '# → CMUX DLCI 1 UIH PPP IPv4 TCP ', '# → CMUX DLCI 0 UIH CLD command']:
        assert note in trace, note
