#!/usr/bin/env python3
"""The Luat guide's MQTT session through an emulated Air780EP, with pyserial.

    mosquitto -p 1883 &                               # Debian's mosquitto, anonymous on loopback
    mosquitto_sub -h 127.0.0.1 -t mqtt/sub -v &       # watch what the module publishes
    cellemu --listen 127.0.0.1:7000 &                 # or use the pty it prints
    python3 examples/pyserial_mqtt.py --port socket://127.0.0.1:7000 --broker 127.0.0.1

The module's built-in client (spec app-protocols.md §3): AT+MCONFIG, AT+MIPSTART ("CONNECT OK"),
AT+MCONNECT ("CONNACK OK"), AT+MSUB ("SUBACK"), AT+MPUB with QoS 0, 1 ("PUBACK") and 2
("PUBREC", "PUBCOMP"), a message received as '+MSUB: "<topic>",<len> byte,<payload>' (the module
publishes to a topic it subscribed to, so the broker sends it back), AT+MDISCONNECT, AT+MIPCLOSE.
Needs only python3-serial.
"""

import argparse
import sys
import time

import serial


class Modem:
    def __init__(self, url, timeout):
        self.port = serial.serial_for_url(url, baudrate=115200, timeout=timeout)
        self.timeout = timeout

    def line(self):
        """The next non-empty line, without its CRLF."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            got = self.port.read_until(b"\r\n")
            if got.strip():
                return got.strip().decode("latin-1")
        raise TimeoutError("no answer from the modem")

    def command(self, text, *urcs):
        """Sends `text`, expects OK, then the URC lines `urcs` in order."""
        self.port.write(text.encode() + b"\r")
        for want in ("OK",) + urcs:
            got = self.line()
            while got.startswith("AT"):  # the echo, if ATE1
                got = self.line()
            if got != want:
                raise RuntimeError(f"{text}: expected {want!r}, got {got!r}")
            print(f"{text:48} {got}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", required=True, help="pty path or socket://host:port")
    ap.add_argument("--broker", default="127.0.0.1")
    ap.add_argument("--broker-port", type=int, default=1883)
    ap.add_argument("--timeout", type=float, default=10.0)
    args = ap.parse_args()
    m = Modem(args.port, args.timeout)
    m.command("ATE0")
    m.command('AT+MCONFIG="cellemu-demo","",""')
    m.command(f'AT+MIPSTART="{args.broker}",{args.broker_port}', "CONNECT OK")
    m.command("AT+MCONNECT=1,60", "CONNACK OK")
    m.command('AT+MSUB="mqtt/echo",0', "SUBACK")
    m.command('AT+MPUB="mqtt/echo",0,0,"hello"', '+MSUB: "mqtt/echo",5 byte,hello')
    m.command('AT+MPUB="mqtt/sub",0,0,"qos 0"')
    m.command('AT+MPUB="mqtt/sub",1,0,"qos 1"', "PUBACK")
    m.command('AT+MPUB="mqtt/sub",2,0,"qos 2"', "PUBREC", "PUBCOMP")
    m.command("AT+MDISCONNECT")
    m.command("AT+MIPCLOSE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
