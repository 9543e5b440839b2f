"""RFC 1662 HDLC-like framing and 27.010 basic-option CMUX framing, written for the tests
from the RFC/TS text (independent of cellemu's C++ codecs)."""


def _fcs_bit_by_bit(byte):
    """RFC 1662 FCS-16 of one octet from scratch, bit by bit (the reference definition)."""
    fcs = byte
    for _ in range(8):
        fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
    return fcs


_FCS_TABLE = [_fcs_bit_by_bit(i) for i in range(256)]


def fcs16(data, fcs=0xFFFF):
    table = _FCS_TABLE
    for byte in data:
        fcs = (fcs >> 8) ^ table[(fcs ^ byte) & 0xFF]
    return fcs


def hdlc_encode(payload, accm=0xFFFFFFFF):
    """payload: address/control onwards. Returns one flagged, escaped frame."""
    fcs = fcs16(payload) ^ 0xFFFF
    raw = payload + bytes([fcs & 0xFF, fcs >> 8])
    out = bytearray(b"\x7e")
    for b in raw:
        if b in (0x7E, 0x7D) or (b < 0x20 and accm >> b & 1):
            out += bytes([0x7D, b ^ 0x20])
        else:
            out.append(b)
    out.append(0x7E)
    return bytes(out)


class HdlcReader:
    """Splits a byte stream into frames with a good FCS (FCS removed). Bytes after the last
    flag (text such as NO CARRIER) stay in `buf`."""

    def __init__(self):
        self.buf = bytearray()

    def feed(self, data):
        frames = []
        for b in data:
            if b == 0x7E:
                frame = self._unescape(self.buf)
                if len(frame) >= 4 and fcs16(frame) == 0xF0B8:
                    frames.append(bytes(frame[:-2]))
                self.buf = bytearray()
            else:
                self.buf.append(b)
        return frames

    @staticmethod
    def _unescape(data):
        out, esc = bytearray(), False
        for b in data:
            if b == 0x7D:
                esc = True
            elif esc:
                out.append(b ^ 0x20)
                esc = False
            else:
                out.append(b)
        return out


def crc8(data):
    """27.010 FCS: reflected CRC-8 (0xE0), initial 0xFF, bit by bit."""
    crc = 0xFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xE0 if crc & 1 else crc >> 1
    return crc


def cmux_frame(dlci, control, info=b"", cr=1):
    address = dlci << 2 | cr << 1 | 1
    n = len(info)
    length = bytes([n << 1 | 1]) if n < 128 else bytes([(n & 0x7F) << 1, n >> 7])
    header = bytes([address, control]) + length
    return b"\xf9" + header + info + bytes([0xFF - crc8(header)]) + b"\xf9"


class CmuxReader:
    def __init__(self):
        self.buf = bytearray()

    def feed(self, data):
        """Returns [(dlci, control, info)] for every complete frame with a good FCS."""
        self.buf += data
        frames = []
        while True:
            start = self.buf.find(b"\xf9")
            if start < 0:
                self.buf.clear()
                return frames
            del self.buf[:start]
            while len(self.buf) > 1 and self.buf[1] == 0xF9:
                del self.buf[0]
            if len(self.buf) < 4:
                return frames
            address, control, l0 = self.buf[1], self.buf[2], self.buf[3]
            hlen, n = (3, l0 >> 1) if l0 & 1 else (4, (l0 >> 1) | (self.buf[4] << 7 if len(self.buf) > 4 else 0))
            if len(self.buf) < 1 + hlen + n + 2:
                return frames
            header = bytes(self.buf[1:1 + hlen])
            info = bytes(self.buf[1 + hlen:1 + hlen + n])
            fcs, end = self.buf[1 + hlen + n], self.buf[2 + hlen + n]
            del self.buf[:2 + hlen + n]  # keep the closing flag: it may open the next frame
            if end == 0xF9 and crc8(header + bytes([fcs])) == 0xCF:
                frames.append((address >> 2, control & ~0x10, info))
