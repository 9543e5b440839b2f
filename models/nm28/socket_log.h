#pragma once

#include <string_view>

namespace cellemu::models::nm28 {

class Nm28Model;
class Nm28Socket;

// One connection-level log line (core::log_connection) for socket `s` of `model`: the socket id
// as the host numbers it, "SSL" or the service type, the peer as AT+IPSTATE shows it.
void log_socket(Nm28Model& model, const Nm28Socket& s, std::string_view event,
                std::string_view result, std::string_view detail = {});

}  // namespace cellemu::models::nm28
