#!/usr/bin/env python3
"""Bring up a TCP connection through an emulated Air780EP and echo a message, with pyserial.

    cellemu --listen 127.0.0.1:7000 &                 # or use the pty it prints
    socat TCP-LISTEN:9000,fork,reuseaddr EXEC:cat &   # an echo server
    python3 examples/pyserial_tcp.py --port socket://127.0.0.1:7000 \\
        --server 127.0.0.1 --server-port 9000

The command flow is the one firmware uses on the real module (spec air780ep.md §4):
ATE0, AT+CPIN?, AT+CGATT?, AT+CIPHEAD=1, AT+CSTT, AT+CIICR, AT+CIFSR, AT+CIPSTART,
AT+CIPSEND=<len> (prompt "> "), "SEND OK", the echoed data as "+IPD,<len>:<data>",
AT+CIPCLOSE, AT+CIPSHUT. --port takes a pty path or any pyserial URL (socket://host:port).
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

    def read_line(self):
        """The next non-empty line, without its CRLF."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            line = self.port.read_until(b"\r\n")
            if line.strip():
                return line.strip().decode("latin-1")
        raise TimeoutError("no answer from the modem")

    def command(self, line, final=("OK",)):
        """Sends `line`; returns the information lines before a final result in `final`."""
        self.port.write(line.encode() + b"\r")
        info = []
        while True:
            got = self.read_line()
            if got in final:
                return info
            if got in ("ERROR", "BUSY") or got.startswith("+CME ERROR"):
                raise RuntimeError(f"{line} -> {got}")
            info.append(got)

    def wait_for(self, wanted, failures=()):
        while True:
            got = self.read_line()
            if got in wanted:
                return got
            if got in failures:
                raise RuntimeError(f"modem reported {got}")

    def read_exact(self, n):
        data = self.port.read(n)
        if len(data) != n:
            raise TimeoutError(f"expected {n} bytes, got {data!r}")
        return data


def open_modem(url, timeout):
    """Opens the port; over TCP, waits while another client (a health check) holds it."""
    for _ in range(10):
        modem = Modem(url, timeout)
        modem.port.reset_input_buffer()
        try:
            modem.command("ATE0", final=("OK",))  # with E1 the echo "ATE0" comes first
            return modem
        except serial.SerialException:
            pass  # refused: BUSY, then the emulator closed the connection
        except RuntimeError as answer:
            if "BUSY" not in str(answer):
                raise
        modem.port.close()
        time.sleep(1)
    raise RuntimeError(f"{url} stayed busy")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", required=True, help="pty path or socket://host:port")
    parser.add_argument("--server", required=True, help="echo server the module connects to")
    parser.add_argument("--server-port", type=int, required=True)
    parser.add_argument("--message", default="hello from cellemu")
    parser.add_argument("--timeout", type=float, default=15.0)
    args = parser.parse_args()

    modem = open_modem(args.port, args.timeout)
    print("SIM:", modem.command("AT+CPIN?")[0])
    while modem.command("AT+CGATT?") != ["+CGATT: 1"]:
        time.sleep(0.5)  # a host polling the module, as firmware does
    modem.command("AT+CIPHEAD=1")  # received data as "+IPD,<len>:<data>"
    modem.command("AT+CSTT")
    modem.command("AT+CIICR")
    modem.port.write(b"AT+CIFSR\r")  # answers the address and no OK
    print("IP:", modem.read_line())

    modem.command(f'AT+CIPSTART="TCP","{args.server}",{args.server_port}')
    modem.wait_for(("CONNECT OK",), failures=("CONNECT FAIL",))
    print("connected to", f"{args.server}:{args.server_port}")

    payload = args.message.encode()
    modem.port.write(f"AT+CIPSEND={len(payload)}\r".encode())
    prompt = modem.port.read_until(b"> ")
    if not prompt.endswith(b"> "):
        raise RuntimeError(f"no send prompt, got {prompt!r}")
    modem.port.write(payload)
    modem.wait_for(("SEND OK",), failures=("SEND FAIL",))

    header = modem.port.read_until(b":")  # "\r\n+IPD,<len>:"
    length = int(header.strip().decode().removeprefix("+IPD,").rstrip(":"))
    echoed = modem.read_exact(length)
    print("received:", echoed.decode("latin-1"))

    modem.command("AT+CIPCLOSE", final=("CLOSE OK",))
    modem.command("AT+CIPSHUT", final=("SHUT OK",))
    return 0 if echoed == payload else 1


if __name__ == "__main__":
    sys.exit(main())
