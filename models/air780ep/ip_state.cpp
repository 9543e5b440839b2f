#include "models/air780ep/ip_state.h"

#include <array>

namespace cellemu::models::air780ep {
namespace {

// air780ep.md §3.3, one string per command, one letter per IpState in declaration order:
//                 INI STA CFG GPR STS CON COK CLG CLD PDP PROC
// O allowed, E Error 3, A "+CME ERROR: 65535" + "ALREADY CONNECT" (OQ-20). Link commands are
// judged on link_view(), which never yields PROCESSING, so their last column is never read.
constexpr std::array<std::string_view, 10> kTable = {
    "OEEEEEEEEEE",  // CSTT: IP INITIAL only (S0: a second CSTT is +CME ERROR: 3)
    "EOEEEEEEEEE",  // CIICR: IP START only (LM CIICR.md)
    "EEEOOOOOOEO",  // CIFSR: any state with an address (LS: Error 3 after CIPSHUT)
    "OEEEOEAEOEO",  // CIPSTART: IP INITIAL (implicit activation), IP STATUS, CLOSED (OQ-19)
    "EEEEEEOEEEE",  // CIPSEND: only on a connected link (MH, EF)
    "EEEEEOOEEEE",  // CIPCLOSE: CONNECTING or CONNECT OK (LM CIPCLOSE note 2, MH)
    "OOOOOOOOOOO",  // CIPSHUT: always
    "OOOOOOOOOOO",  // CIPSTATUS: always
    "OEEEEEEEEEE",  // CIPMUX= / CIPMODE= / CIPQSEND=: IP INITIAL only (LM, MH, OQ-12)
    "EEEEEOOOOEE",  // CIPACK: once a link exists (OQ-21)
};

}  // namespace

Verdict legality(IpCommand command, IpState state) {
  const char cell = kTable.at(static_cast<std::size_t>(command))[static_cast<std::size_t>(state)];
  if (cell == 'O') return Verdict::Allowed;
  if (cell == 'A') return Verdict::AlreadyConnected;
  return Verdict::NotAllowed;
}

IpState link_view(Context context, SlotState slot) {
  switch (context) {
    case Context::Initial:
      return IpState::Initial;
    case Context::Start:
      return IpState::Start;
    case Context::Config:
      return IpState::Config;
    case Context::GprsAct:
      return IpState::GprsAct;
    case Context::PdpDeact:
      return IpState::PdpDeact;
    case Context::Status:
      break;
  }
  switch (slot) {
    case SlotState::Initial:
    case SlotState::Listening:
      return IpState::Status;
    case SlotState::Connecting:
      return IpState::Connecting;
    case SlotState::Connected:
      return IpState::ConnectOk;
    case SlotState::Closing:
      return IpState::Closing;
    case SlotState::Closed:
      return IpState::Closed;
  }
  return IpState::Status;
}

std::string_view state_name(IpState state, net::Protocol protocol) {
  const bool udp = protocol == net::Protocol::Udp;
  switch (state) {
    case IpState::Initial:
      return "IP INITIAL";
    case IpState::Start:
      return "IP START";
    case IpState::Config:
      return "IP CONFIG";
    case IpState::GprsAct:
      return "IP GPRSACT";
    case IpState::Status:
      return "IP STATUS";
    case IpState::Connecting:
      return udp ? "UDP CONNECTING" : "TCP CONNECTING";
    case IpState::ConnectOk:
      return "CONNECT OK";
    case IpState::Closing:
      return udp ? "UDP CLOSING" : "TCP CLOSING";
    case IpState::Closed:  // LS:FJysbh: "UDP CLOSED" for a UDP link (OQ-R6)
      return udp ? "UDP CLOSED" : "TCP CLOSED";
    case IpState::PdpDeact:
      return "PDP DEACT";
    case IpState::Processing:
      return "IP PROCESSING";
  }
  return "IP INITIAL";
}

std::string_view slot_state_name(SlotState state) {
  switch (state) {
    case SlotState::Initial:
    case SlotState::Listening:
      return "INITIAL";
    case SlotState::Connecting:
      return "CONNECTING";
    case SlotState::Connected:
      return "CONNECTED";
    case SlotState::Closing:
      return "CLOSING";
    case SlotState::Closed:
      return "CLOSED";
  }
  return "INITIAL";
}

}  // namespace cellemu::models::air780ep
