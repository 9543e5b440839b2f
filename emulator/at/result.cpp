#include "emulator/at/result.h"

namespace cellemu::at {

std::string_view verbose_text(ResultCode code) {
  switch (code) {
    case ResultCode::Ok:
      return "OK";
    case ResultCode::Connect:
      return "CONNECT";
    case ResultCode::Ring:
      return "RING";
    case ResultCode::NoCarrier:
      return "NO CARRIER";
    case ResultCode::Error:
      return "ERROR";
    case ResultCode::NoDialtone:
      return "NO DIALTONE";
    case ResultCode::Busy:
      return "BUSY";
    case ResultCode::NoAnswer:
      return "NO ANSWER";
  }
  return "ERROR";
}

// Lower-case 27.007 texts for the standard range, Luat's own for its vendor codes
// (LM Configuration/CME_ERROR.md).
std::string_view verbose_text(CmeError error) {
  switch (error) {
    case CmeError::OperationNotAllowed:
      return "operation not allowed";
    case CmeError::OperationNotSupported:
      return "operation not supported";
    case CmeError::SimNotInserted:
      return "SIM not inserted";
    case CmeError::SimPinRequired:
      return "SIM PIN required";
    case CmeError::SimPukRequired:
      return "SIM PUK required";
    case CmeError::SimFailure:
      return "SIM failure";
    case CmeError::SimBusy:
      return "SIM busy";
    case CmeError::IncorrectPassword:
      return "incorrect password";
    case CmeError::NoNetworkService:
      return "no network service";
    case CmeError::ExeFail:
      return "EXE_FAIL";
    case CmeError::ParametersInvalid:
      return "parameters are invalid";
    case CmeError::InvalidCommandLine:
      return "INVALID_COMMAND_LINE";
    case CmeError::Unknown:
      return "unknown";
    case CmeError::UnspecifiedGprsError:
      return "unspecified GPRS error";
    case CmeError::PdpAuthenticationFailure:
      return "PDP authentication failure";
    case CmeError::OtherError:
      return "Other Error";
  }
  return "unknown";
}

}  // namespace cellemu::at
