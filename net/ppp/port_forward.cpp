#include "net/ppp/port_forward.h"

#include <charconv>
#include <vector>

#include <boost/asio/ip/address_v4.hpp>

namespace cellemu::net::ppp {
namespace port_forward_detail {

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const std::size_t colon = text.find(':', at);
    parts.push_back(text.substr(at, colon == std::string_view::npos ? colon : colon - at));
    if (colon == std::string_view::npos) return parts;
    at = colon + 1;
  }
}

std::optional<std::uint16_t> port(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace port_forward_detail

std::optional<PortForward> PortForward::parse(std::string_view text, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<PortForward> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  const auto parts = port_forward_detail::split(text);
  if (parts.size() != 3 && parts.size() != 4) {
    return fail("expected tcp|udp:[ADDRESS:]HOST_PORT:PEER_PORT");
  }
  PortForward f;
  if (parts[0] == "udp") {
    f.protocol = Protocol::Udp;
  } else if (parts[0] != "tcp") {
    return fail("protocol must be tcp or udp");
  }
  if (parts.size() == 4) {
    boost::system::error_code ec;
    boost::asio::ip::make_address_v4(std::string(parts[1]), ec);
    if (ec) return fail("not an IPv4 address: " + std::string(parts[1]));
    f.host_address = std::string(parts[1]);
  }
  const auto host = port_forward_detail::port(parts[parts.size() - 2]);
  const auto peer = port_forward_detail::port(parts.back());
  if (!host || !peer) return fail("ports must be 1-65535");
  f.host_port = *host;
  f.peer_port = *peer;
  return f;
}

std::string PortForward::text() const {
  return std::string(protocol == Protocol::Udp ? "udp:" : "tcp:") + host_address + ":" +
         std::to_string(host_port) + ":" + std::to_string(peer_port);
}

}  // namespace cellemu::net::ppp
