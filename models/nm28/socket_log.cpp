#include "models/nm28/socket_log.h"

#include <fmt/format.h>

#include "emulator/core/connection_log.h"
#include "models/nm28/nm28_model.h"

namespace cellemu::models::nm28 {

void log_socket(Nm28Model& model, const Nm28Socket& s, std::string_view event,
                std::string_view result, std::string_view detail) {
  const std::string peer = fmt::format("{}:{}", s.remote_ip(), s.remote_port());
  core::log_connection({.modem = model.at().options().modem_name,
                        .link = s.id(),
                        .protocol = s.ssl() ? "SSL" : service_type_name(s.type()),
                        .peer = peer,
                        .event = event,
                        .result = result,
                        .detail = detail});
}

}  // namespace cellemu::models::nm28
