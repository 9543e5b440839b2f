#include "emulator/at/result.h"

#include <algorithm>

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

std::string_view cme_text(CmeTexts table, CmeError error) {
  const auto it = std::find_if(table.begin(), table.end(),
                               [error](const CmeText& row) { return row.error == error; });
  return it == table.end() ? std::string_view() : it->text;
}

std::string_view cms_text(CmsTexts table, int code) {
  const auto it = std::find_if(table.begin(), table.end(),
                               [code](const CmsText& row) { return row.code == code; });
  return it == table.end() ? std::string_view() : it->text;
}

}  // namespace cellemu::at
