#include "models/nm28/service_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace cellemu::models::nm28 {
namespace {
// S3 §2.1 test response: "TCP/UDP/TCP LISTENER/UDP SERVICE". "TCP INCOMING" is what an accepted
// connection is called in the Quectel family NM28 mirrors (QA analogy); it is never opened.
constexpr std::array<std::pair<ServiceType, std::string_view>, 5> kNames = {{
    {ServiceType::Tcp, "TCP"},
    {ServiceType::Udp, "UDP"},
    {ServiceType::TcpListener, "TCP LISTENER"},
    {ServiceType::UdpService, "UDP SERVICE"},
    {ServiceType::TcpIncoming, "TCP INCOMING"},
}};
}  // namespace

std::optional<ServiceType> parse_service_type(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const auto& [type, name] : kNames) {
    if (type != ServiceType::TcpIncoming && upper == name) return type;
  }
  return std::nullopt;
}

std::string_view service_type_name(ServiceType type) {
  for (const auto& [t, name] : kNames) {
    if (t == type) return name;
  }
  return "TCP";
}

}  // namespace cellemu::models::nm28
