"""Examples of tests written against the pytest fixture: basic AT commands, byte for byte."""

import pytest

from pytest_fixture import cellemu, modem  # noqa: F401  (fixtures are found by name)


def command(port, line):
    """Sends one command line and returns everything up to and including its final result."""
    port.write(line)
    answer = b""
    while not answer.endswith((b"OK\r\n", b"ERROR\r\n")):
        chunk = port.read_until(b"\r\n")
        assert chunk, f"no final result for {line!r}, got {answer!r}"
        answer += chunk
    return answer


def test_at(modem):
    assert command(modem, b"AT\r") == b"AT\r\r\nOK\r\n"


def test_ati(modem):
    assert command(modem, b"ATI\r") == b"ATI\r\r\nAirM2M_780EP_V1007_LTE_AT\r\n\r\nOK\r\n"


def test_csq_without_echo(modem):
    assert command(modem, b"ATE0\r") == b"ATE0\r\r\nOK\r\n"
    assert command(modem, b"AT+CSQ\r") == b"\r\n+CSQ: 23,0\r\n\r\nOK\r\n"


def test_unknown_command(modem):
    assert command(modem, b"AT+NOSUCH\r") == b"AT+NOSUCH\r\r\nERROR\r\n"


@pytest.mark.parametrize("modem", [["--model", "nm28"]], indirect=True)
def test_nm28_identity(modem):
    assert command(modem, b"ATI\r") == b"ATI\r\r\nNM28\r\n\r\nOK\r\n"


@pytest.mark.parametrize("cellemu", [["--listen", "127.0.0.1:0"]], indirect=True)
def test_same_modem_over_tcp(cellemu):
    import serial

    url = cellemu.lines[0].split()[1].replace("tcp://", "socket://")
    with serial.serial_for_url(url, timeout=2) as port:
        assert command(port, b"AT+CSQ\r") == b"AT+CSQ\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n"


@pytest.mark.parametrize("cellemu", [["--listen", "127.0.0.1:0"]], indirect=True)
def test_pyserial_tcp_example_against_an_echo_server(cellemu):
    """examples/pyserial_tcp.py end to end: the module connects to a real echo server."""
    import pathlib
    import socket
    import subprocess
    import sys
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def echo():
        conn, _ = server.accept()
        with conn:
            while data := conn.recv(4096):
                conn.sendall(data)

    threading.Thread(target=echo, daemon=True).start()
    url = cellemu.lines[0].split()[1].replace("tcp://", "socket://")
    script = pathlib.Path(__file__).resolve().parent / "pyserial_tcp.py"
    run = subprocess.run(
        [sys.executable, str(script), "--port", url, "--server", "127.0.0.1",
         "--server-port", str(server.getsockname()[1]), "--timeout", "10"],
        capture_output=True, text=True, timeout=60)
    server.close()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "received: hello from cellemu" in run.stdout
