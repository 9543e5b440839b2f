// The PPP engine as the host drives it: arbitrary bytes (HDLC framing, LCP, PAP/CHAP, IPCP,
// IP datagrams) at arbitrary read boundaries and times. Also checks that the framing round-trips
// and runs the IPv4 and DNS parsers on whatever datagrams come out.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "emulator/core/manual_timer_service.h"
#include "net/ppp/dns_message.h"
#include "net/ppp/hdlc_decoder.h"
#include "net/ppp/hdlc_encoder.h"
#include "net/ppp/ip_packet.h"
#include "net/ppp/ppp_session.h"

namespace {
using namespace cellemu::net::ppp;

struct Sink final : PppSession::Listener {
  std::size_t output = 0;
  int downs = 0;
  void ppp_output(std::string_view bytes) override { output += bytes.size(); }
  void ppp_up(const PppLinkInfo&) override {}
  void ppp_packet(std::string_view ipv4) override {
    if (auto p = IpPacket::parse(std::string(ipv4)); p && p->has_ports()) {
      p->set_src(p->dst());
      p->set_src_port(static_cast<std::uint16_t>(p->dst_port() + 1));
      (void)DnsMessage::parse_query(p->payload());
    }
  }
  void ppp_down(DownReason) override { ++downs; }
};

void check_round_trip(std::string_view info, std::uint8_t flags) {
  HdlcEncoder encoder;
  encoder.set_options(
      {.accm = flags & 1 ? 0xFFFFFFFF : 0, .acfc = (flags & 2) != 0, .pfc = (flags & 4) != 0});
  std::string wire;
  encoder.encode(kProtoIpv4, info, wire);
  HdlcDecoder decoder(info.size() + 8);
  decoder.set_rx_accm(encoder.options().accm);
  int frames = 0;
  decoder.feed(wire, [&](std::string_view frame) {
    const auto parsed = PppFrame::parse(frame);
    if (!parsed || parsed->protocol != kProtoIpv4 || parsed->info != info) std::abort();
    ++frames;
  });
  if (frames != 1) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  cellemu::core::ManualTimerService timers;
  PppConfig config;
  config.ipcp.peer = 0x0A4A9530;
  config.ipcp.dns1 = 0xD3887032;
  if (data[0] & 1) config.lcp.auth = {AuthMethod::Pap, AuthMethod::Chap};
  if (data[0] & 2) config.auth.expected = Credentials{"user", "pass"};
  if (data[0] & 4) config.lcp.echo_interval = std::chrono::seconds(5);
  Sink sink;
  std::uint32_t next = 1;
  PppSession session(
      timers, config, [&next] { return next++; }, sink);
  session.start();
  // Records: one byte of delay (x100 ms), one length byte, then that many bytes.
  std::size_t i = 1;
  while (i + 2 <= size) {
    timers.advance(std::chrono::milliseconds(data[i] * 100));
    const std::size_t n = std::min<std::size_t>(data[i + 1], size - i - 2);
    const std::string_view chunk(reinterpret_cast<const char*>(data) + i + 2, n);
    session.input(chunk);
    check_round_trip(chunk, data[i]);
    if (session.network_up()) session.send_packet(chunk);
    i += 2 + n;
  }
  timers.advance(std::chrono::seconds(60));
  if (sink.downs > 1) std::abort();
  return 0;
}
