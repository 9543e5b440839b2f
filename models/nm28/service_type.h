#pragma once

#include <optional>
#include <string_view>

namespace cellemu::models::nm28 {

// <ServiceType> of AT+IPOPEN (S3 §2.1), plus the type a connection accepted by a listener gets.
enum class ServiceType { Tcp, Udp, TcpListener, UdpService, TcpIncoming };

// "TCP", "UDP", "TCP LISTENER", "UDP SERVICE" (any letter case); an accepted connection's type
// cannot be asked for.
std::optional<ServiceType> parse_service_type(std::string_view text);
// The name AT+IPSTATE prints.
std::string_view service_type_name(ServiceType type);

// Listeners and UDP services are bound locally and never connect anywhere.
inline bool is_server(ServiceType type) {
  return type == ServiceType::TcpListener || type == ServiceType::UdpService;
}
inline bool is_udp(ServiceType type) {
  return type == ServiceType::Udp || type == ServiceType::UdpService;
}

}  // namespace cellemu::models::nm28
