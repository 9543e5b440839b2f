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
  // AT+COPS=3,<format>: 0 long, 1 short, 2 numeric; 2 after power-up (LM COPS, OQ-S18).
  int cops_format = 2;
  // AT+COPS <mode> as the read form shows it: 0 automatic, 1 manual, 2 deregistered, 4 manual
  // with fallback (LM COPS.md), and the PLMN a manual selection registered on (empty: the home
  // network, NetworkIdentity::operator_numeric).
  int cops_mode = 0;
  std::string plmn;
  // AT+CLCK="SC": the SIM asks for its PIN at power-up while this is on (it lives on the SIM and
  // survives power-up); wrong PINs in a row, 3 lead to SIM PUK (27.007).
  bool pin_lock = false;
  int wrong_pins = 0;

  bool registered() const { return reg == RegStatus::Home || reg == RegStatus::Roaming; }
  // Packet service usable: what the TCP/IP stacks check before activating a context.
  bool data_ready() const {
    return sim == SimState::Ready && registered() && attached && cfun == 1;
  }
};

// The supply AT+CBC reports: the harness's voltage (`ctl battery`) and the host's power-on /
// power-off thresholds (AT+CBC=<on>,<off>, LM CBC.md; 0,0 after power-up, OQ-S13).
struct Supply {
  int millivolts = 3968;
  int percent = 80;
  int power_on_mv = 0;
  int power_off_mv = 0;
};

}  // namespace cellemu::models
