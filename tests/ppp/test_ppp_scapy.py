"""PPP over a real pty, negotiated by a scapy-based client against cellemu's PPP engine and
the network behind it (the ppp_test_driver program), with real loopback servers. Set
PPP_DRIVER to the driver binary (CMake does)."""
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from ppp_client import (CmuxLine, DlciPort, LCP, PppClient, SerialPort, TcpFlow)  # noqa: E402

DRIVER = os.environ.get("PPP_DRIVER", "")


class Driver:
    def __init__(self, *args):
        self.proc = subprocess.Popen([DRIVER, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)
        self.pty = self.proc.stdout.readline().strip()
        self.events = []

    def command(self, line, expect=None):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.wait_event(expect) if expect is not None else None

    def wait_event(self, prefix, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.events.append(line.strip())
            if line.startswith(prefix):
                return line.strip()
        raise TimeoutError(f"no {prefix}: {self.events}")

    def flows(self):
        return json.loads(self.command("flows", "FLOWS")[len("FLOWS "):])

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(5)


@pytest.fixture
def driver_args():
    return []


@pytest.fixture
def driver(driver_args):
    if not DRIVER:
        pytest.skip("PPP_DRIVER not set")
    d = Driver("--dns-static", "--host", "server.test=127.0.0.1", *driver_args)
    yield d
    d.stop()


class EchoServer:
    """TCP echo on 127.0.0.1: every connection's bytes come back."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._echo, args=(conn,), daemon=True).start()

    @staticmethod
    def _echo(conn):
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)


class UdpEcho:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            data, peer = self.sock.recvfrom(65536)
            self.sock.sendto(data, peer)


def connect(driver):
    client = PppClient(SerialPort(driver.pty))
    client.dial()
    return client


def test_negotiates_moves_tcp_udp_dns_and_hangs_up(driver):
    tcp, udp = EchoServer(), UdpEcho()
    client = connect(driver)
    # services.md §6.3: LCP Configure-Request id 1 first, every control character escaped.
    info = client.negotiate()
    assert client.first_frame[:6] == bytes.fromhex("ff03c0210101")
    kinds = sorted(o.type for o in info["lcp"].options)
    assert kinds == [2, 5, 7, 8]
    assert (info["local"], info["peer"]) == ("192.168.20.1", "10.74.149.48")
    assert (info["dns1"], info["dns2"]) == ("211.136.112.50", "211.136.150.66")
    driver.wait_event("UP peer=10.74.149.48")

    flow = TcpFlow(client, "127.0.0.1", tcp.port)
    assert flow.connect()
    payload = os.urandom(1 << 20)
    flow.send_all(payload, expect_back=len(payload))
    assert bytes(flow.received[:len(payload)]) == payload
    flows = driver.flows()
    assert flows and flows[0]["protocol"] == "TCP" and flows[0]["bytes_up"] > len(payload)
    assert flow.close()

    from scapy.layers.inet import IP, UDP
    client.send_ip(IP(src=client.ip, dst="127.0.0.1") / UDP(sport=7000, dport=udp.port) / b"datagram")
    reply = client.recv_ip(lambda ip: UDP in ip and ip[UDP].sport == udp.port)
    assert bytes(reply[UDP].payload) == b"datagram"

    answer = client.dns_query(info["dns1"], "server.test")
    assert answer.rcode == 0 and answer.an.rdata == "127.0.0.1"
    assert client.dns_query(info["dns2"], "nowhere.test").rcode == 3

    client.terminate()  # Terminate-Ack, then NO CARRIER right after its closing flag
    driver.wait_event("DOWN terminated by the host")


@pytest.mark.parametrize("driver_args", [["--deny", "127.0.0.2"]])
def test_denied_destination_is_reset(driver):
    client = connect(driver)
    client.negotiate()
    flow = TcpFlow(client, "127.0.0.2", 9)
    assert not flow.connect() and flow.reset
    assert driver.flows() == []


@pytest.mark.parametrize("driver_args", [["--nat-tcp", "3"]])
def test_idle_flow_loses_its_mapping_while_a_busy_one_stays(driver):
    tcp = EchoServer()
    client = connect(driver)
    client.negotiate()
    idle, busy = TcpFlow(client, "127.0.0.1", tcp.port), TcpFlow(client, "127.0.0.1", tcp.port)
    assert idle.connect() and busy.connect()
    # The carrier drops mappings idle for 3 s; the busy flow talks every 0.3 s meanwhile.
    deadline = time.monotonic() + 4.5
    while time.monotonic() < deadline:
        busy.send_all(b"k", expect_back=len(busy.received) + 1, timeout=2)
        time.sleep(0.3)
    assert [f["peer_port"] for f in driver.flows()] == [busy.sport]
    # The idle flow's segments now vanish (no answer, no reset); the busy one still works.
    with pytest.raises(TimeoutError):
        idle.send_all(b"lost", expect_back=4, timeout=1)
    assert not idle.reset
    busy.send_all(b"still here", expect_back=len(busy.received) + 10)


@pytest.mark.parametrize("driver_args", [["--auth", "pap", "--user", "user", "--password", "pass"]])
def test_pap_with_configured_credentials(driver):
    client = connect(driver)
    client.negotiate(user=b"user", password=b"pass")
    assert driver.wait_event("UP").endswith("auth=user")
    bad = connect_again(driver, client)
    with pytest.raises(PermissionError):
        bad.negotiate(user=b"user", wrong_password=b"nope")
    driver.wait_event("DOWN authentication failed")


def connect_again(driver, client):
    client.terminate()
    again = PppClient(client.port)
    again.dial()
    return again


@pytest.mark.parametrize("driver_args", [["--auth", "chap", "--user", "user", "--password", "secret"]])
def test_chap_md5(driver):
    client = connect(driver)
    client.negotiate(user=b"user", password=b"secret")
    driver.wait_event("UP")


def test_module_hangs_up_with_terminate_request(driver):
    client = connect(driver)
    client.negotiate()
    driver.command("terminate")
    request = client.recv_control(LCP, 5)  # the module's Terminate-Request
    client.send(LCP, bytes([6, request[1], 0, 4]))
    client.expect_text(b"\r\nNO CARRIER\r\n", timeout=1)  # on the Ack, not after 3 s
    driver.wait_event("DOWN terminated by the module")


def test_injected_flow_reset(driver):
    tcp = EchoServer()
    client = connect(driver)
    client.negotiate()
    flow = TcpFlow(client, "127.0.0.1", tcp.port)
    assert flow.connect()
    flow_id = driver.flows()[0]["id"]
    assert driver.command(f"fault {flow_id} reset", "OK") == "OK"
    while not flow.reset:
        assert flow.poll(5)


@pytest.mark.parametrize("driver_args", [["--cmux"]])
def test_ppp_on_dlci1_while_dlci2_answers_at(driver):
    tcp = EchoServer()
    port = SerialPort(driver.pty)
    line = CmuxLine(port)
    for dlci in (0, 1, 2):
        line.open(dlci)
    line.write(2, b"AT\r")
    assert line.read(2, 5) == b"\r\nOK\r\n"
    client = PppClient(DlciPort(line, 1))
    client.dial()
    client.negotiate()
    flow = TcpFlow(client, "127.0.0.1", tcp.port)
    assert flow.connect()
    payload = os.urandom(64 * 1024)
    flow.send_all(payload, expect_back=len(payload))
    assert bytes(flow.received) == payload
    line.write(2, b"AT+CSQ\r")  # the AT channel still answers during the call
    assert line.read(2, 5) == b"\r\nOK\r\n"
    client.terminate()
    line.disc(1)
    line.disc(2)
    line.close()
