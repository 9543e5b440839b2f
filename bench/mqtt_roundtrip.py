#!/usr/bin/env python3
"""MQTT QoS 1 publish round trips per second: through cellemu's Air780EP client vs mosquitto_pub.

    bench/mqtt_roundtrip.py CELLEMU_BINARY [COUNT]

Starts Debian's mosquitto on a free loopback port, then measures COUNT sequential QoS 1
publishes, each waiting for the broker's PUBACK before the next:
  - cellemu: the host writes AT+MPUB="bench/rt",1,0,"x" on the module's pty and reads OK and then
    the PUBACK line (app-protocols.md M-004); the module's MQTT client talks to the broker over
    its socket layer (filters, NAT, shaping all in the path);
  - direct: mosquitto_pub -q 1 -M 1 -l publishing COUNT lines (one message in flight: each waits
    for its PUBACK), the broker's own client library with no modem in between.
Prints one line: "<cellemu per s> <mosquitto_pub per s>". The host side of the cellemu path is
this Python loop (plain os.read/os.write on the pty, a few microseconds a round trip).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_broker(workdir):
    port = free_port()
    conf = os.path.join(workdir, "mosquitto.conf")
    with open(conf, "w") as f:
        f.write(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n")
    broker = subprocess.Popen(["mosquitto", "-c", conf], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return broker, port
        except OSError:
            time.sleep(0.02)
    broker.kill()
    raise RuntimeError("mosquitto did not start")


class Pty:
    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        self.buf = b""

    def until(self, marker, timeout=10.0):
        deadline = time.monotonic() + timeout
        while marker not in self.buf:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {marker!r} in {self.buf[-200:]!r}")
            self.buf += os.read(self.fd, 65536)
        head, _, self.buf = self.buf.partition(marker)
        return head

    def command(self, line, *markers):
        os.write(self.fd, line + b"\r")
        for m in markers:
            self.until(m)


def through_cellemu(binary, port, count):
    emu = subprocess.Popen([binary, "--log-level", "warn"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
    try:
        pty = Pty(emu.stdout.readline().split()[0].decode())
        pty.command(b"ATE0", b"OK\r\n")
        pty.command(b'AT+MCONFIG="bench","",""', b"OK\r\n")
        pty.command(b'AT+MIPSTART="127.0.0.1",%d' % port, b"CONNECT OK\r\n")
        pty.command(b"AT+MCONNECT=1,60", b"CONNACK OK\r\n")
        publish = b'AT+MPUB="bench/rt",1,0,"x"\r'
        started = time.perf_counter()
        for _ in range(count):
            os.write(pty.fd, publish)
            pty.until(b"\r\nOK\r\n")
            pty.until(b"\r\nPUBACK\r\n")
        elapsed = time.perf_counter() - started
        pty.command(b"AT+MDISCONNECT", b"OK\r\n")
        return count / elapsed
    finally:
        emu.kill()
        emu.wait()


def direct(port, count):
    lines = b"x\n" * count
    started = time.perf_counter()
    subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(port), "-t", "bench/rt",
                    "-q", "1", "-M", "1", "-l"], input=lines, check=True)
    return count / (time.perf_counter() - started)


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    with tempfile.TemporaryDirectory() as workdir:
        broker, port = start_broker(workdir)
        try:
            emu_rate = through_cellemu(binary, port, count)
            direct_rate = direct(port, count)
        finally:
            broker.kill()
            broker.wait()
    print(f"{emu_rate:.0f} {direct_rate:.0f}")


if __name__ == "__main__":
    main()
