"""A PPP host for tests, written against scapy's PPP/LCP/IPCP/PAP/CHAP/IP layers (a codec
independent of cellemu's own) with its own RFC 1662 framing and 27.010 CMUX framing.

It dials (ATD*99#), negotiates LCP (+PAP/CHAP) and IPCP, and then carries IP datagrams; a small
TCP client on top moves real data to loopback servers through the emulator. The same client
works against the engine test driver (ppp_driver) and against the emulator's pty.
"""
import hashlib
import os
import random
import select
import struct
import termios
import time
import tty

from framing import CmuxReader, HdlcReader, cmux_frame, hdlc_encode  # noqa: F401
from scapy.layers.dns import DNS, DNSQR
from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.ppp import (PPP, PPP_LCP_Configure, PPP_LCP_ACCM_Option,
                              PPP_LCP_Magic_Number_Option, PPP_LCP_Terminate, PPP_IPCP,
                              PPP_IPCP_Option_IPAddress, PPP_IPCP_Option_DNS1,
                              PPP_IPCP_Option_DNS2, PPP_PAP_Request)

LCP, PAP, CHAP, IPCP, IPV4 = 0xC021, 0xC023, 0xC223, 0x8021, 0x0021


class SerialPort:
    """The pty in raw mode."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd, termios.TCSANOW)
        self.pending = b""  # read while waiting to write

    def write(self, data):
        # Reads whatever arrives meanwhile, as a host's PPP stack does: the module stops reading
        # a host that leaves 64 KiB of its output unread (RTS/CTS-like), so a writer that never
        # reads would wait forever.
        view = memoryview(data)
        while view:
            r, w, _ = select.select([self.fd], [self.fd], [], 5)
            if r:
                self.pending += os.read(self.fd, 65536)
            if w:
                view = view[os.write(self.fd, view):]
            elif not r:
                raise TimeoutError("pty not writable")

    def read(self, timeout):
        if self.pending:
            data, self.pending = self.pending, b""
            return data
        r, _, _ = select.select([self.fd], [], [], timeout)
        return os.read(self.fd, 65536) if r else b""

    def close(self):
        os.close(self.fd)


class CmuxLine:
    """The host side of a 27.010 basic-option multiplexer on a SerialPort."""
    SABM, UA, DM, DISC, UIH = 0x2F, 0x63, 0x0F, 0x43, 0xEF

    def __init__(self, port):
        self.port, self.reader, self.inbox, self.control = port, CmuxReader(), {}, []

    def _pump(self, timeout):
        for dlci, control, info in self.reader.feed(self.port.read(timeout)):
            if control == self.UIH and dlci != 0:
                self.inbox[dlci] = self.inbox.get(dlci, b"") + info
            else:
                self.control.append((dlci, control, info))

    def expect_control(self, dlci, control, info=None, timeout=5):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, frame in enumerate(self.control):
                if frame[0] == dlci and frame[1] == control and (info is None or frame[2] == info):
                    del self.control[i]
                    return frame
            self._pump(0.05)
        raise TimeoutError(f"no control frame {control:#x} on DLCI {dlci}: {self.control}")

    def open(self, dlci):
        self.port.write(cmux_frame(dlci, self.SABM | 0x10))
        self.expect_control(dlci, self.UA)

    def disc(self, dlci):
        self.port.write(cmux_frame(dlci, self.DISC | 0x10))
        self.expect_control(dlci, self.UA)

    def close(self):
        self.port.write(cmux_frame(0, self.UIH, b"\xc3\x01"))  # CLD
        self.expect_control(0, self.UIH, b"\xc1\x01")

    def write(self, dlci, data):
        for i in range(0, len(data), 127):  # esp_modem writes at most 127 octets a frame
            self.port.write(cmux_frame(dlci, self.UIH, data[i:i + 127], cr=0))

    def read(self, dlci, timeout):
        if not self.inbox.get(dlci):
            self._pump(timeout)
        return self.inbox.pop(dlci, b"")


class DlciPort:
    def __init__(self, line, dlci):
        self.line, self.dlci = line, dlci

    def write(self, data):
        self.line.write(self.dlci, data)

    def read(self, timeout):
        return self.line.read(self.dlci, timeout)


class PppClient:
    def __init__(self, port):
        self.port, self.reader = port, HdlcReader()
        self.frames, self.tx_accm, self.text = [], 0xFFFFFFFF, b""
        self.magic = random.getrandbits(32) | 1
        self.next_id, self.terminated = 1, False
        self.first_frame = None

    # --- line level ---
    def expect_text(self, needle, timeout=5):
        deadline = time.monotonic() + timeout
        while needle not in self.text and needle not in bytes(self.reader.buf):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {needle!r}; got {self.text!r} {bytes(self.reader.buf)!r}")
            self.text += self.port.read(0.05)
        return True

    def dial(self, command=b"ATD*99#\r"):
        self.port.write(command)
        deadline = time.monotonic() + 5
        while b"CONNECT\r\n" not in self.text:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no CONNECT: {self.text!r}")
            self.text += self.port.read(0.05)
        rest = self.text[self.text.index(b"CONNECT\r\n") + 9:]
        self.text = b""
        self._take(rest)

    def _take(self, data):
        for frame in self.reader.feed(data):
            if self.first_frame is None:
                self.first_frame = frame
            self.frames.append(frame)

    def send(self, proto, payload):
        body = b"\xff\x03" + struct.pack("!H", proto) + bytes(payload)
        self.port.write(hdlc_encode(body, self.tx_accm))

    def recv(self, timeout=5, want=None):
        """Next frame (proto, payload) for which want(proto, payload) holds; answers echo and
        terminate requests meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            for i, frame in enumerate(self.frames):
                body = frame[2:] if frame[:2] == b"\xff\x03" else frame
                pkt = PPP(body)
                proto, payload = pkt.proto, bytes(pkt.payload)
                if proto == LCP and payload[0] == 9:
                    del self.frames[i]
                    self.send(LCP, bytes([10, payload[1]]) + payload[2:4] + struct.pack("!I", self.magic) + payload[8:])
                    break
                if proto == LCP and payload[0] == 5 and not (want and want(proto, payload)):
                    del self.frames[i]
                    self.terminated = True
                    self.send(LCP, bytes([6, payload[1], 0, 4]))
                    break
                if want is None or want(proto, payload):
                    del self.frames[i]
                    return proto, payload
            else:
                if time.monotonic() > deadline:
                    raise TimeoutError("no PPP frame")
                self._take(self.port.read(0.05))

    def recv_control(self, proto, code, timeout=5):
        return self.recv(timeout, lambda p, d: p == proto and d[0] == code)[1]

    # --- negotiation ---
    def negotiate(self, user=b"user", password=b"pass", wrong_password=None):
        request = self.recv_control(LCP, 1)
        module_lcp = PPP_LCP_Configure(request)
        self.send(LCP, bytes([2]) + request[1:])
        ours = PPP_LCP_Configure(code=1, id=self.next_id, options=[
            PPP_LCP_ACCM_Option(accm=0), PPP_LCP_Magic_Number_Option(magic_number=self.magic)])
        self.send(LCP, bytes(ours))
        ack = self.recv_control(LCP, 2)
        assert ack[1] == self.next_id
        self.next_id += 1
        self.tx_accm = 0
        auth = [o for o in module_lcp.options if o.type == 3]
        if auth:
            self._authenticate(auth[0].auth_protocol, user, wrong_password or password)
        module_ipcp = self.recv_control(IPCP, 1)
        self.send(IPCP, bytes([2]) + module_ipcp[1:])
        nak = self._request_addresses("0.0.0.0", "0.0.0.0", "0.0.0.0")
        assert nak[0] == 3, nak
        opts = {o.type: o.data for o in PPP_IPCP(nak).options}
        ack = self._request_addresses(opts[3], opts[129], opts[131])
        assert ack[0] == 2, ack
        self.ip = opts[3]
        return {"local": PPP_IPCP(module_ipcp).options[0].data, "peer": opts[3],
                "dns1": opts[129], "dns2": opts[131], "lcp": module_lcp}

    def _request_addresses(self, ip, dns1, dns2):
        request = PPP_IPCP(code=1, id=self.next_id, options=[
            PPP_IPCP_Option_IPAddress(data=ip), PPP_IPCP_Option_DNS1(data=dns1),
            PPP_IPCP_Option_DNS2(data=dns2)])
        self.next_id += 1
        self.send(IPCP, bytes(request))
        return self.recv(5, lambda p, d: p == IPCP and d[0] in (2, 3, 4))[1]

    def _authenticate(self, protocol, user, password):
        if protocol == PAP:
            self.send(PAP, bytes(PPP_PAP_Request(id=1, username=user, password=password)))
            reply = self.recv(5, lambda p, d: p == PAP)[1]
            if reply[0] != 2:
                raise PermissionError("PAP refused")
            return
        challenge = self.recv_control(CHAP, 1)
        size = challenge[4]
        value = challenge[5:5 + size]
        digest = hashlib.md5(bytes([challenge[1]]) + password + value).digest()
        response = bytes([2, challenge[1]]) + struct.pack("!H", 5 + 16 + len(user)) + b"\x10" + digest + user
        self.send(CHAP, response)
        reply = self.recv(5, lambda p, d: p == CHAP)[1]
        if reply[0] != 3:
            raise PermissionError("CHAP refused")

    def terminate(self):
        self.send(LCP, bytes(PPP_LCP_Terminate(code=5, id=self.next_id)))
        self.recv_control(LCP, 6)
        self.expect_text(b"\r\nNO CARRIER\r\n")

    # --- IP ---
    def send_ip(self, pkt):
        self.send(IPV4, bytes(pkt))

    def recv_ip(self, want=lambda ip: True, timeout=5):
        proto, payload = self.recv(timeout, lambda p, d: p == IPV4 and want(IP(d)))
        return IP(payload)

    def dns_query(self, server, name):
        query = IP(src=self.ip, dst=server) / UDP(sport=5353, dport=53) / DNS(rd=1, qd=DNSQR(qname=name))
        self.send_ip(query)
        return self.recv_ip(lambda ip: UDP in ip and ip[UDP].sport == 53)[DNS]


class TcpFlow:
    """A small TCP client over the PPP link: handshake, a sliding window with go-back-N
    retransmission, in-order receive with cumulative ACKs, FIN both ways."""
    MSS, WINDOW = 1400, 16

    def __init__(self, ppp, dst, dport, sport=None):
        self.ppp, self.dst, self.dport = ppp, dst, dport
        self.sport = sport or random.randint(30000, 60000)
        self.seq = random.getrandbits(31)
        self.received, self.fin, self.reset = bytearray(), False, False

    def _segment(self, flags, seq, payload=b""):
        return (IP(src=self.ppp.ip, dst=self.dst) /
                TCP(sport=self.sport, dport=self.dport, seq=seq, ack=self.rcv_nxt, flags=flags,
                    window=65535) / payload)

    def _mine(self, ip):
        return TCP in ip and ip.src == self.dst and ip[TCP].sport == self.dport and ip[TCP].dport == self.sport

    def connect(self, timeout=5):
        self.rcv_nxt = 0
        self.ppp.send_ip(IP(src=self.ppp.ip, dst=self.dst) /
                         TCP(sport=self.sport, dport=self.dport, seq=self.seq, flags="S", window=65535))
        reply = self.ppp.recv_ip(self._mine, timeout)[TCP]
        if reply.flags.R:
            self.reset = True
            return False
        assert reply.flags.S and reply.flags.A and reply.ack == self.seq + 1
        self.seq += 1
        self.una = self.seq
        self.rcv_nxt = reply.seq + 1
        self.ppp.send_ip(self._segment("A", self.seq))
        return True

    def _on_segment(self, tcp):
        if tcp.flags.R:
            self.reset = True
            return
        if tcp.flags.A and tcp.ack - self.una > 0 and tcp.ack - self.una < 1 << 31:
            self.una = tcp.ack
        data = bytes(tcp.payload)
        if data and tcp.seq == self.rcv_nxt:
            self.received += data
            self.rcv_nxt += len(data)
        if tcp.flags.F and tcp.seq + len(data) == self.rcv_nxt:
            self.rcv_nxt += 1
            self.fin = True
        if data or tcp.flags.F:
            self.ppp.send_ip(self._segment("A", self.seq))

    def poll(self, timeout):
        try:
            ip = self.ppp.recv_ip(self._mine, timeout)
        except TimeoutError:
            return False
        self._on_segment(ip[TCP])
        return True

    def send_all(self, data, expect_back=0, timeout=60):
        """Sends `data`; keeps receiving until `expect_back` bytes arrived too."""
        base, deadline, last_progress = self.una, time.monotonic() + timeout, time.monotonic()
        while (self.una - base) % (1 << 32) < len(data) or len(self.received) < expect_back:
            if time.monotonic() > deadline or self.reset:
                raise TimeoutError(f"sent {(self.una - base) % (1 << 32)}/{len(data)}, got {len(self.received)}")
            sent_upto = (self.seq - base) % (1 << 32)
            acked = (self.una - base) % (1 << 32)
            while sent_upto < len(data) and sent_upto - acked < self.MSS * self.WINDOW:
                chunk = data[sent_upto:sent_upto + self.MSS]
                self.ppp.send_ip(self._segment("PA", base + sent_upto, chunk))
                sent_upto += len(chunk)
                self.seq = base + sent_upto
            before = self.una
            self.poll(0.5)
            if self.una != before:
                last_progress = time.monotonic()
            elif time.monotonic() - last_progress > 1.0:  # go back N
                self.seq = self.una
                last_progress = time.monotonic()

    def close(self, timeout=5):
        self.ppp.send_ip(self._segment("FA", self.seq))
        self.seq += 1
        deadline = time.monotonic() + timeout
        while not self.fin and time.monotonic() < deadline:
            self.poll(0.2)
        return self.fin
