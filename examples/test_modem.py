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
