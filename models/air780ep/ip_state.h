#pragma once

#include <string_view>

#include "models/common/module_socket.h"
#include "net/link.h"

namespace cellemu::models::air780ep {

// Where the TCP/IP context is (air780ep.md §3.2). `Status` means the address is known (after
// AT+CIFSR or an implicit activation); the link states refine it.
enum class Context { Initial, Start, Config, GprsAct, Status, PdpDeact };

// One link id's state (multi-link client states, air780ep.md §3.1): its module socket's. Closing is
// a CIPCLOSE waiting for queued data, Closed a link the peer or the network ended; the module
// never listens.
using SlotState = ModuleSocket::State;

// The states AT+CIPSTATUS reports, which are also the columns of the legality table (§3.3).
enum class IpState {
  Initial,
  Start,
  Config,
  GprsAct,
  Status,
  Connecting,
  ConnectOk,
  Closing,
  Closed,
  PdpDeact,
  Processing,  // multi link: some link is open
};

// The rows of the legality table.
enum class IpCommand {
  Cstt,
  Ciicr,
  Cifsr,
  Cipstart,
  Cipsend,
  Cipclose,
  Cipshut,
  Cipstatus,
  Config,  // CIPMUX= / CIPMODE= / CIPQSEND= (OQ-12)
  Cipack,
};

enum class Verdict {
  Allowed,
  NotAllowed,        // Error 3, nothing changes
  AlreadyConnected,  // CIPSTART on a connected link: +CME ERROR: 65535 then ALREADY CONNECT (OQ-20)
};

// The legality table of air780ep.md §3.3 (single link; multi link applies it per link id).
Verdict legality(IpCommand command, IpState state);

// The context state combined with one link's state: the column of the legality table.
IpState link_view(Context context, SlotState slot);

// The text after "STATE: " ("IP INITIAL", "TCP CONNECTING", "UDP CLOSED" ...).
std::string_view state_name(IpState state, net::Protocol protocol);

// A link's client state in "C:" rows and +CIPSTATUS ("INITIAL", "CONNECTED" ...).
std::string_view slot_state_name(SlotState state);

}  // namespace cellemu::models::air780ep
