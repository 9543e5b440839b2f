"""pytest fixtures that start a fresh cellemu for every test.

Copy this file next to your tests (or into conftest.py) and ask for the fixture by name:

    from pytest_fixture import modem  # noqa: F401  (pytest finds fixtures by name)

    def test_signal(modem):           # modem: a pyserial port on a freshly started module
        modem.write(b"AT+CSQ\\r")
        assert modem.read_until(b"OK\\r\\n").endswith(b"\\r\\n+CSQ: 23,0\\r\\n\\r\\nOK\\r\\n")

Other models or options, per test, with indirect parametrization:

    @pytest.mark.parametrize("modem", [["--model", "nm28"]], indirect=True)
    def test_nm28(modem): ...

Needs only Debian packages: python3-serial and python3-pytest. The cellemu binary is
$CELLEMU_BINARY, else `cellemu` on PATH, else ../build/cellemu next to this file.
"""

import os
import pathlib
import select
import shutil
import subprocess

import pytest
import serial

START_TIMEOUT = 10.0  # seconds to wait for cellemu to print its pty


def cellemu_binary():
    if os.environ.get("CELLEMU_BINARY"):
        return os.environ["CELLEMU_BINARY"]
    on_path = shutil.which("cellemu")
    if on_path:
        return on_path
    return str(pathlib.Path(__file__).resolve().parent.parent / "build" / "cellemu")


class Cellemu:
    """A running cellemu process: one modem per stdout line ("pty [tcp://host:port]")."""

    def __init__(self, args, log_path, modems=1):
        self.log_path = pathlib.Path(log_path)
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [cellemu_binary(), "--log-level", "warn", *args],
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self.lines = [self._read_line() for _ in range(modems)]

    def _read_line(self):
        ready, _, _ = select.select([self.process.stdout], [], [], START_TIMEOUT)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.stop()
            raise RuntimeError("cellemu did not start:\n" + self.log_path.read_text())
        return line.strip()

    def pty(self, index=0):
        return self.lines[index].split()[0]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture
def cellemu(request, tmp_path):
    """The running emulator; parametrize indirectly with a list of extra arguments."""
    args = list(getattr(request, "param", []))
    emulator = Cellemu(args, tmp_path / "cellemu.log")
    yield emulator
    emulator.stop()


@pytest.fixture
def modem(request, tmp_path):
    """A pyserial port on a freshly started modem, power-up URCs already read away."""
    args = list(getattr(request, "param", []))
    emulator = Cellemu(args, tmp_path / "cellemu.log")
    port = serial.Serial(emulator.pty(), 115200, timeout=2)
    port.reset_input_buffer()  # the power-up URCs (^MODE, +E_UTRAN Service, +NITZ ...)
    yield port
    port.close()
    emulator.stop()
