#pragma once

#include <string>

namespace cellemu::models {

enum class SimState { Ready, Absent, PinRequired, PukRequired };

// 27.007 <stat> values of +CREG/+CGREG/+CEREG.
enum class RegStatus {
  NotSearching = 0,
  Home = 1,
  Searching = 2,
  Denied = 3,
  Unknown = 4,
  Roaming = 5
};

// The radio side of the module: SIM, registration, signal, attach. Changed by commands and by
// injected faults; read by the common commands and by the TCP/IP stacks.
struct RadioState {
  SimState sim = SimState::Ready;
  std::string pin = "1234";
  RegStatus reg = RegStatus::Home;
  int rssi = 23;
  int ber = 0;
  bool attached = true;
  int cfun = 1;
  // URC modes set by AT+CREG=n / +CGREG=n / +CEREG=n.
  int creg_mode = 0;
  int cgreg_mode = 0;
  int cereg_mode = 0;
  bool clts = false;

  bool registered() const { return reg == RegStatus::Home || reg == RegStatus::Roaming; }
  // Packet service usable: what the TCP/IP stacks check before activating a context.
  bool data_ready() const {
    return sim == SimState::Ready && registered() && attached && cfun == 1;
  }
};

}  // namespace cellemu::models
