#pragma once

namespace cellemu::sms {

// The 27.005 §3.2.5 <err> values the SMS layer decides (the model renders them per +CMEE, with
// its own texts). Spec services §1.2 lists which the module uses and when.
enum class CmsCause : int {
  MeFailure = 300,
  ServiceReserved = 301,
  NotAllowed = 302,
  NotSupported = 303,
  InvalidPduParameter = 304,
  InvalidTextParameter = 305,
  SimNotInserted = 310,
  SimPinRequired = 311,
  SimFailure = 313,
  SimBusy = 314,
  SimPukRequired = 316,
  MemoryFailure = 320,
  InvalidIndex = 321,
  MemoryFull = 322,
  SmscUnknown = 330,
  NoNetworkService = 331,
  NetworkTimeout = 332,
  NoAckExpected = 340,
  Unknown = 500,
};

inline int code(CmsCause cause) {
  return static_cast<int>(cause);
}

}  // namespace cellemu::sms
