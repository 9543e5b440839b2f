#pragma once

#include <array>
#include <utility>
#include <variant>

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

// Every value above, for lookups from numbers.
inline constexpr std::array<CmsCause, 19> kCmsCauses = {
    CmsCause::MeFailure,        CmsCause::ServiceReserved,     CmsCause::NotAllowed,
    CmsCause::NotSupported,     CmsCause::InvalidPduParameter, CmsCause::InvalidTextParameter,
    CmsCause::SimNotInserted,   CmsCause::SimPinRequired,      CmsCause::SimFailure,
    CmsCause::SimBusy,          CmsCause::SimPukRequired,      CmsCause::MemoryFailure,
    CmsCause::InvalidIndex,     CmsCause::MemoryFull,          CmsCause::SmscUnknown,
    CmsCause::NoNetworkService, CmsCause::NetworkTimeout,      CmsCause::NoAckExpected,
    CmsCause::Unknown};

inline int code(CmsCause cause) {
  return static_cast<int>(cause);
}

// A value, or the CMS error that stopped it.
template <class T>
class CmsResult {
 public:
  CmsResult(T value) : v_(std::move(value)) {}  // implicit: `return index;`
  CmsResult(CmsCause cause) : v_(cause) {}      // implicit: `return CmsCause::MemoryFull;`
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<0>(v_); }
  const T& operator*() const { return value(); }
  CmsCause error() const { return std::get<1>(v_); }

 private:
  std::variant<T, CmsCause> v_;
};

}  // namespace cellemu::sms
