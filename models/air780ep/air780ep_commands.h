#pragma once

#include <functional>
#include <optional>

#include "emulator/at/command_table.h"
#include "models/air780ep/air780ep_errors.h"
#include "models/air780ep/air780ep_model.h"

namespace cellemu::models::air780ep {

// The Air780EP's own commands (air780ep_command_table.cpp); the common table answers the rest.
const at::CommandTable<Air780epModel>& command_table();

// Handlers of the Air780EP TCP/IP command set (air780ep.md §2-§5, §11), grouped by file.
void add_context_commands(at::CommandTable<Air780epModel>& table);     // CSTT CIICR CIFSR ...
void add_connection_commands(at::CommandTable<Air780epModel>& table);  // CIPSTART CIPCLOSE CIPACK
void add_send_commands(at::CommandTable<Air780epModel>& table);        // CIPSEND
void add_receive_commands(at::CommandTable<Air780epModel>& table);     // CIPRXGET
void add_setting_commands(at::CommandTable<Air780epModel>& table);     // CIPMUX CIPHEAD ...
void add_keepalive_commands(at::CommandTable<Air780epModel>& table);   // CIPTKA ^HEART*
void add_dns_commands(at::CommandTable<Air780epModel>& table);         // CDNSGIP CDNSCFG
void add_bearer_commands(at::CommandTable<Air780epModel>& table);      // SAPBR
void add_ssl_commands(at::CommandTable<Air780epModel>& table);         // SSLCFG
void add_fs_commands(at::CommandTable<Air780epModel>& table);          // FSCREATE FSWRITE ...
void add_http_commands(at::CommandTable<Air780epModel>& table);        // HTTPINIT HTTPACTION ...
void add_http_para_command(at::CommandTable<Air780epModel>& table);    // HTTPPARA
// The built-in MQTT client (app-protocols.md §3.4).
void add_mqtt_commands(at::CommandTable<Air780epModel>& table);  // MCONFIG MIPSTART MCONNECT ...
void add_mqtt_message_commands(at::CommandTable<Air780epModel>& table);  // MSUB MPUB MPUBEX ...

// How the Air780EP spells AT+SSLCFG (ssl_commands.cpp).
SslDialect ssl_dialect();

// "Error 3": every TCP/IP command in a state where it is not allowed, with a wrong parameter
// count for the current CIPMUX or a parameter out of range (spec v250 §3.1; S0, MH).
inline at::Final not_allowed() {
  return at::Final::cme(at::CmeError::OperationNotAllowed);
}

// A link id parameter: 0 .. max_links-1 (OQ-22).
inline std::optional<int> link_id(const at::AtArgs& args, std::size_t i, const IpStack& stack) {
  return args.int_in(i, 0, stack.link_count() - 1);
}

// Answers the command with `result(deferred)` after `delay` (the "real" timing profile), at once
// when the delay is zero. The result function may add information text through the Deferred.
at::Outcome answer_after(Air780epModel& m, at::CommandContext& ctx, core::Duration delay,
                         std::function<at::Final(const at::Deferred&)> result);

}  // namespace cellemu::models::air780ep
