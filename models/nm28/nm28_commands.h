#pragma once

#include "emulator/at/command_table.h"
#include "models/common/ssl_contexts.h"

namespace cellemu::models::nm28 {

class Nm28Model;

// The NM28's own commands (nm28_command_table.cpp); the common table answers the rest.
const at::CommandTable<Nm28Model>& command_table();

// Handlers of the NM28 TCP/IP commands, grouped by file. Every failure is a plain ERROR whatever
// AT+CMEE says (OQ-8).
// socket_commands.cpp: AT+IPOPEN, AT+IPCLOSE, AT+IPSTATE, AT+IPDNSR.
void add_socket_commands(at::CommandTable<Nm28Model>& table);
// data_commands.cpp: AT+IPSWTMD, AT+IPSEND, AT+IPSENDEX, AT+IPRD.
void add_data_commands(at::CommandTable<Nm28Model>& table);
// ssl_commands.cpp: AT+SSLCFG.
void add_ssl_commands(at::CommandTable<Nm28Model>& table);
// How the NM28 spells AT+SSLCFG (ssl_commands.cpp).
SslDialect ssl_dialect();

}  // namespace cellemu::models::nm28
